import { QueueError } from '../errors/queue-error';
import { call, callChange, cancel, closeOut, finish, noShow, recall, start, transfer, waitingState } from './lifecycle';
import type { TicketState, TicketStatus } from './ticket-state';

const T0 = 1_000_000;
const waiting: TicketState = {
  id: 't1', status: 'waiting', categoryId: 'A', windowId: null, targetWindowId: null, issuedAt: T0,
  calledAt: null, startedAt: null, finishedAt: null, recallCount: 0, transferCount: 0,
};

function refused(f: () => unknown): QueueError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(QueueError);
    return e as QueueError;
  }
  throw new Error('expected the transition to be refused');
}

describe('ticket lifecycle', () => {
  it('runs the happy path waiting -> called -> serving -> done', () => {
    const c = call(waiting, 'w5', T0 + 10);
    expect(c).toMatchObject({ status: 'called', windowId: 'w5', calledAt: T0 + 10 });
    const s = start(c, T0 + 20);
    expect(s).toMatchObject({ status: 'serving', startedAt: T0 + 20 });
    expect(finish(s, T0 + 30)).toMatchObject({ status: 'done', finishedAt: T0 + 30, issuedAt: T0 });
  });

  it('does not mutate its input', () => {
    const copy = { ...waiting };
    call(waiting, 'w5', T0 + 1);
    expect(waiting).toEqual(copy);
  });

  it('recalls a called ticket and counts it', () => {
    const r = recall(recall(call(waiting, 'w1', T0), T0 + 5), T0 + 9);
    expect(r).toMatchObject({ status: 'called', recallCount: 2, calledAt: T0 + 9 });
  });

  it('marks a called ticket no-show, and cancels waiting or called ones', () => {
    expect(noShow(call(waiting, 'w1', T0), T0 + 1).status).toBe('no_show');
    expect(cancel(waiting, T0 + 1).status).toBe('cancelled');
    expect(cancel(call(waiting, 'w1', T0), T0 + 1).status).toBe('cancelled');
  });

  it('transfers to a category keeping the issue time, clearing the call', () => {
    const t = transfer(start(call(waiting, 'w1', T0 + 100), T0 + 200), { categoryId: 'B' });
    expect(t).toMatchObject({ status: 'waiting', categoryId: 'B', issuedAt: T0, windowId: null, calledAt: null, startedAt: null, transferCount: 1 });
  });

  it('transfers to one window: only that window may call it next', () => {
    const t = transfer(call(waiting, 'w1', T0), { windowId: 'w7' });
    expect(t).toMatchObject({ status: 'waiting', targetWindowId: 'w7', categoryId: 'A' });
    expect(refused(() => call(t, 'w2', T0 + 1)).code).toBe('ILLEGAL_TRANSITION');
    expect(call(t, 'w7', T0 + 1)).toMatchObject({ status: 'called', windowId: 'w7', targetWindowId: null });
  });

  it('refuses a transfer to the window that holds the ticket', () => {
    expect(refused(() => transfer(call(waiting, 'w1', T0), { windowId: 'w1' })).code).toBe('INVALID_INPUT');
  });

  it('closes out waiting and called tickets at the end of the day', () => {
    expect(closeOut(waiting, T0 + 1).status).toBe('unserved');
    expect(closeOut(call(waiting, 'w1', T0), T0 + 1).status).toBe('unserved');
  });

  // Every transition from every status: allowed ones succeed, the rest are refused naming the status.
  const at = (status: TicketStatus): TicketState => ({ ...waiting, status, windowId: status === 'waiting' ? null : 'w1' });
  const table: [string, (t: TicketState) => TicketState, TicketStatus[]][] = [
    ['call', (t) => call(t, 'w2', T0), ['waiting']],
    ['recall', (t) => recall(t, T0), ['called']],
    ['start', (t) => start(t, T0), ['called']],
    ['finish', (t) => finish(t, T0), ['serving']],
    ['noShow', (t) => noShow(t, T0), ['called']],
    ['cancel', (t) => cancel(t, T0), ['waiting', 'called']],
    ['transfer', (t) => transfer(t, { categoryId: 'B' }), ['called', 'serving']],
    ['closeOut', (t) => closeOut(t, T0), ['waiting', 'called']],
  ];
  const all: TicketStatus[] = ['waiting', 'called', 'serving', 'done', 'no_show', 'cancelled', 'unserved'];
  for (const [name, step, allowed] of table) {
    it(`${name} is allowed exactly from ${allowed.join(', ')}`, () => {
      for (const s of all) {
        if (allowed.includes(s)) {
          expect(() => step(at(s))).not.toThrow();
        } else {
          const e = refused(() => step(at(s)));
          expect(e.code).toBe('ILLEGAL_TRANSITION');
          expect(e.details.status).toBe(s);
        }
      }
    });
  }
});

describe('calling a line head', () => {
  const head = { id: 't1', categoryId: 'c1', issuedAt: 1000, targetWindowId: null };

  it('calls a waiting head and changes only status, window, target and call time', () => {
    expect(callChange(call(waitingState(head), 'w1', 5000))).toEqual({ status: 'called', windowId: 'w1', targetWindowId: null, calledAt: 5000 });
  });

  it('clears the target of a head transferred to this window', () => {
    expect(callChange(call(waitingState({ ...head, targetWindowId: 'w1' }), 'w1', 5000)).targetWindowId).toBeNull();
  });

  it('refuses a head transferred to another window', () => {
    expect(() => call(waitingState({ ...head, targetWindowId: 'w2' }), 'w1', 5000)).toThrow(QueueError);
  });
});
