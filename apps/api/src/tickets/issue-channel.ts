import type { Channel, PriorityClass } from '@hallq/queue';
import { decideAccess } from '../auth/access-policy';
import type { Principal } from '../auth/principal';

export type ChannelDecision = { ok: true; channel: Channel; priority: PriorityClass } | { ok: false; message: string };

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
    if (channel === 'kiosk') return { ok: false, message: 'Kiosk tickets come from a registered kiosk (send its device token); a phone page sends channel "web".' };
    if (channel === 'appointment') {
      return { ok: false, message: 'Appointment tickets come from checking in at a kiosk or with staff of the hall; a phone page sends channel "web".' };
    }
    if (priority !== 'normal') {
      const message = 'Priority tickets (elderly, disabled, pregnant) are given at a kiosk of the hall or by its staff; from a phone take a normal ticket.';
      return { ok: false, message };
    }
    return { ok: true, channel, priority };
  }
  if (who.kind === 'device') {
    if (who.device !== 'kiosk') return { ok: false, message: 'A hall screen cannot issue tickets.' };
    if (who.hallId !== hallId) return { ok: false, message: 'This kiosk is registered to another hall.' };
    return { ok: true, channel: requested.channel ?? 'kiosk', priority };
  }
  if (decideAccess('hall-staff', who, { hallId }) !== 'allow') return { ok: false, message: 'Staff issue tickets only in their own hall.' };
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
