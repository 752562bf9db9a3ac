import type { ErrorReason } from '@hallq/contracts';
import type { Channel } from '@hallq/queue';
import { decideAccess } from '../auth/access-policy';
import type { Principal } from '../auth/principal';

export type ChannelDecision = { ok: true; channel: Channel } | { ok: false; reason: ErrorReason };

/**
 * Who may issue on which channel. Issuing is public (the phone page), but a "kiosk" ticket must come
 * from a registered kiosk of the hall or from its staff, so channel figures and kiosk limits mean what
 * they say; screens never issue.
 */
export function issueChannel(who: Principal | null, requested: Channel | undefined, hallId: string): ChannelDecision {
  if (!who) {
    const channel = requested ?? 'web';
    if (channel === 'kiosk') return { ok: false, reason: 'KIOSK_NEEDS_DEVICE' };
    return { ok: true, channel };
  }
  if (who.kind === 'device') {
    if (who.device !== 'kiosk') return { ok: false, reason: 'SCREEN_CANNOT_ISSUE' };
    if (who.hallId !== hallId) return { ok: false, reason: 'KIOSK_OTHER_HALL' };
    return { ok: true, channel: requested ?? 'kiosk' };
  }
  if (decideAccess('hall-staff', who, { hallId }) !== 'allow') return { ok: false, reason: 'STAFF_OTHER_HALL' };
  return { ok: true, channel: requested ?? 'kiosk' };
}
