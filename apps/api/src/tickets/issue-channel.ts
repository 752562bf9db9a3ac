import type { ErrorReason } from '@hallq/contracts';
import type { Channel, PriorityClass } from '@hallq/queue';
import { decideAccess } from '../auth/access-policy';
import type { Principal } from '../auth/principal';

export type ChannelDecision = { ok: true; channel: Channel; priority: PriorityClass } | { ok: false; reason: ErrorReason };

export interface IssueRequest {
  channel?: Channel;
  priority?: PriorityClass;
}

/**
 * Who may issue what. Issuing is public (the phone page), but only on the web channel as a normal ticket:
 * a "kiosk" ticket must come from a registered kiosk of the hall or from its staff, so channel figures and
 * kiosk limits mean what they say; priority (the elderly/disabled button) and appointment tickets are
 * served first, so only a kiosk (whose attendants see who takes them) or staff may give them. An
 * anonymous caller asking for either is refused with a 403 that says why, not silently downgraded: a
 * phone page that asks for more than it may is a bug or an attempt, and both should show. Screens never
 * issue.
 */
export function issueChannel(who: Principal | null, requested: IssueRequest, hallId: string): ChannelDecision {
  const priority = requested.priority ?? 'normal';
  if (!who) {
    const channel = requested.channel ?? 'web';
    if (channel === 'kiosk') return { ok: false, reason: 'KIOSK_NEEDS_DEVICE' };
    if (channel === 'appointment') return { ok: false, reason: 'APPOINTMENT_NEEDS_CHECK_IN' };
    if (priority !== 'normal') return { ok: false, reason: 'PRIORITY_NEEDS_KIOSK' };
    return { ok: true, channel, priority };
  }
  if (who.kind === 'device') {
    if (who.device !== 'kiosk') return { ok: false, reason: 'SCREEN_CANNOT_ISSUE' };
    if (who.hallId !== hallId) return { ok: false, reason: 'KIOSK_OTHER_HALL' };
    return { ok: true, channel: requested.channel ?? 'kiosk', priority };
  }
  if (decideAccess('hall-staff', who, { hallId }) !== 'allow') return { ok: false, reason: 'STAFF_OTHER_HALL' };
  return { ok: true, channel: requested.channel ?? 'kiosk', priority };
}

/**
 * Who an Idempotency-Key belongs to: the device, the staff account, or for anonymous phones the address
 * (as Express sees it: set HALLQ_TRUST_PROXY behind a load balancer). Part of the request's fingerprint,
 * so another caller's reuse of a key is refused instead of answered with the first caller's ticket.
 */
export function idempotencyCaller(who: Principal | null, address: string): string {
  if (!who) return `address:${address}`;
  return who.kind === 'device' ? `device:${who.deviceId}` : `staff:${who.accountId}`;
}
