import type { HallState, TicketView } from '@hallq/queue';

/**
 * A ticket as staff, screens and kiosks see it: everything but the tracking token. The token is the only
 * key to a citizen's ticket (cancel, rate, follow), so it goes to whoever took the ticket (the issue
 * answer) and nowhere else; every other REST answer that holds a ticket passes through here.
 */
export type StaffTicket = Omit<TicketView, 'token'>;

export function withoutToken(t: TicketView): StaffTicket {
  const { token: _token, ...rest } = t;
  return rest;
}

/** The hall state with every ticket in it (waiting, at a window, recently called) without its token. */
export function hallStateWithoutTokens<S extends HallState>(s: S) {
  return {
    ...s,
    windows: s.windows.map((w) => ({ ...w, current: w.current ? withoutToken(w.current) : null })),
    recentCalls: s.recentCalls.map(withoutToken),
    waiting: s.waiting.map(withoutToken),
  };
}
