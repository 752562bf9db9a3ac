/**
 * 好差评: `POST /tickets/:token/rating` (and the window's pad) takes reasons from this list, the day report counts
 * them under these keys, and the report page words them. One list, so the three cannot drift.
 */
export const RATING_REASONS = ['waited_too_long', 'asked_again_for_data', 'hard_to_find_service', 'sent_between_windows', 'not_resolved'] as const;
export type RatingReason = (typeof RATING_REASONS)[number];
/** Where a rating was entered: the citizen's own phone, or the pad at the counter (which the clerk can reach). */
export type RatingSource = 'phone' | 'pad';
