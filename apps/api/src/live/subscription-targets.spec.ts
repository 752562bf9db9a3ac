import { QueueError } from '@hallq/queue';
import type { Principal } from '../auth/principal';
import type { HallFeedService } from './hall-feed.service';
import type { HallSnapshotService } from './hall-snapshot.service';
import type { ManagerFeedService } from './manager-feed.service';
import { SubscriptionTargets } from './subscription-targets';

const screenOf = (hallId: string): Principal => ({ kind: 'device', deviceId: 'd', device: 'screen', hallId, label: 'screen' });
const clerkOf = (windowId: string): Principal =>
  ({ kind: 'staff', accountId: 'a', username: 'clerk', role: 'clerk', hallIds: ['h1'], windowIds: [windowId], sessionId: 's' });
const manager: Principal = { kind: 'staff', accountId: 'm', username: 'manager', role: 'manager', hallIds: ['h1'], windowIds: [], sessionId: 's' };

/** The table over fakes that record the order of calls: lookups, watches and reads after the join. */
function targets() {
  const calls: string[] = [];
  const snapshots = {
    hallSnapshot: async (id: string, readNow = false) => {
      calls.push(`hall ${id}${readNow ? ' now' : ''}`);
      if (id !== 'h1') throw new QueueError('HALL_NOT_FOUND');
      return { scope: 'hall', hallId: id, readNow };
    },
    windowSnapshot: async (id: string, readNow = false) => (calls.push(`window ${id}${readNow ? ' now' : ''}`), { scope: 'window', hallId: 'h1', readNow }),
    ticketSnapshot: async (token: string, readNow = false) => (calls.push(`ticket${readNow ? ' now' : ''}`), { scope: 'ticket', hallId: 'h1', readNow }),
  };
  const feed = {
    watchWindow: (hallId: string, id: string) => calls.push(`watch window ${hallId}/${id}`),
    watchTicket: (s: { readNow: boolean }) => calls.push(`watch ticket${s.readNow ? ' now' : ''}`),
  };
  const managers = { openAlerts: async (id: string) => (calls.push(`alerts ${id}`), { hallId: id, at: 0, alerts: [] }) };
  const t = new SubscriptionTargets(snapshots as unknown as HallSnapshotService, feed as unknown as HallFeedService, managers as unknown as ManagerFeedService);
  return { t, calls };
}

describe('SubscriptionTargets', () => {
  it('names one room per target, the one unsubscribe leaves', () => {
    const { t } = targets();
    expect(t.room({ kind: 'hall', id: 'h1' })).toBe('hall:h1');
    expect(t.room({ kind: 'window', id: 'w1' })).toBe('window:w1');
    expect(t.room({ kind: 'ticket', token: 'tok' })).toBe('ticket:tok');
    expect(t.room({ kind: 'manager', id: 'h1' })).toBe('manager:h1');
  });

  it('looks a hall up before anything else, and reads its first snapshot anew once joined', async () => {
    const { t, calls } = targets();
    await expect(t.resolve({ kind: 'hall', id: 'nope' })).rejects.toMatchObject({ code: 'HALL_NOT_FOUND' });
    const found = await t.resolve({ kind: 'hall', id: 'h1' });
    expect(calls).toEqual(['hall nope', 'hall h1']);
    expect(await found.first()).toEqual({ event: 'snapshot', body: { scope: 'hall', hallId: 'h1', readNow: true } });
  });

  it('answers access as REST decides it, in the words of /live', async () => {
    const { t } = targets();
    const hall = await t.resolve({ kind: 'hall', id: 'h1' });
    expect(hall.refusal(screenOf('h1'))).toBeNull();
    expect(hall.refusal(null)).toMatchObject({ code: 'UNAUTHENTICATED', error: expect.stringContaining('Sign in first') });
    expect(hall.refusal(screenOf('h2'))).toEqual({ code: 'FORBIDDEN', error: 'This token may not watch this hall.' });
    const window = await t.resolve({ kind: 'window', id: 'w1' });
    expect(window.refusal(clerkOf('w1'))).toBeNull();
    expect(window.refusal(clerkOf('w2'))).toEqual({ code: 'FORBIDDEN', error: 'This token may not watch this window.' });
    const alerts = await t.resolve({ kind: 'manager', id: 'h1' });
    expect(alerts.refusal(manager)).toBeNull();
    expect(alerts.refusal(screenOf('h1'))).toEqual({ code: 'FORBIDDEN', error: "Only this hall's managers get its alerts." });
    expect((await t.resolve({ kind: 'ticket', token: 'tok' })).refusal(null)).toBeNull();
  });

  it('starts watching a window or ticket only once joined, before the read that follows', async () => {
    const { t, calls } = targets();
    const window = await t.resolve({ kind: 'window', id: 'w1' });
    const ticket = await t.resolve({ kind: 'ticket', token: 'tok' });
    expect(calls).toEqual(['window w1', 'ticket']);
    await window.first();
    expect(await ticket.first()).toMatchObject({ event: 'snapshot', body: { scope: 'ticket', readNow: true } });
    expect(calls.slice(2)).toEqual(['watch window h1/w1', 'window w1 now', 'watch ticket', 'ticket now', 'watch ticket now']);
  });

  it('sends a manager the open alerts', async () => {
    const { t } = targets();
    expect(await (await t.resolve({ kind: 'manager', id: 'h1' })).first()).toEqual({ event: 'alerts', body: { hallId: 'h1', at: 0, alerts: [] } });
  });
});
