import { RATING_REASONS, type RatingReason } from '@hallq/contracts';

export interface RatingSummary {
  count: number;
  /** Mean score, two decimals; null without ratings. */
  mean: number | null;
  /** Ratings per score, "1" to "5", zeros included so charts keep their axis. */
  distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
  /** How often each reason was given; every reason listed, zeros included. */
  reasons: Record<RatingReason, number>;
}

/** Count, mean, score distribution and reason counts of a set of ratings. */
export function summarizeRatings(ratings: readonly { score: number; reasons: readonly string[] }[]): RatingSummary {
  const distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  const reasons = Object.fromEntries(RATING_REASONS.map((r) => [r, 0])) as Record<RatingReason, number>;
  let sum = 0;
  for (const r of ratings) {
    sum += r.score;
    distribution[String(r.score) as keyof typeof distribution]++;
    for (const why of r.reasons) if (why in reasons) reasons[why as RatingReason]++;
  }
  return { count: ratings.length, mean: ratings.length ? Math.round((sum / ratings.length) * 100) / 100 : null, distribution, reasons };
}
