import { simulateHall, type SimConfig } from '../simulator/hall-simulator';
import { referenceRoutingRule } from '../testing/reference-routing-rule';
import { freeWindowFor, ReactionDelay, runClosedLoop, type PolicyView, type StaffingPolicy, type WindowCommand } from './closed-loop';

const MIN = 60_000;
const HOUR = 60 * MIN;

const day = (): Omit<SimConfig, 'changes'> => ({
  seed: 5,
  start: 0,
  end: 3 * HOUR,
  categories: [{ id: 'A', targetWaitMs: 20 * MIN, arrivalsPerHour: 24, meanServiceMs: 8 * MIN, serviceCv: 0.6, meanPatienceMs: 40 * MIN }],
  windows: [
    { id: 'w1', state: 'open', categoryIds: ['A'] },
    { id: 'w2', state: 'open', categoryIds: ['A'] },
    { id: 'w3', state: 'closed', categoryIds: ['A'] },
  ],
  rule: referenceRoutingRule,
});

/** A policy that wants the same commands at every decision and records what it saw. */
function wants(commands: WindowCommand[], seen: PolicyView[] = []): StaffingPolicy {
  return {
    decide(view) {
      seen.push(view);
      return commands;
    },
  };
}

describe('runClosedLoop', () => {
  it('with a policy that wants nothing plays the same day as the simulator alone', () => {
    const seen: PolicyView[] = [];
    const r = runClosedLoop({ sim: day(), policy: wants([], seen) });
    const whole = simulateHall(day());
    expect(r.events).toEqual(whole.events);
    expect(r.applied).toEqual([]);
    expect(r.finishedAt).toBe(whole.events[whole.events.length - 1].at);
    expect(r.windowHours).toBeCloseTo((2 * r.finishedAt) / HOUR, 9);
    // Decisions every minute, each seeing the events since the one before.
    expect(seen[1].now - seen[0].now).toBe(MIN);
    expect(seen.flatMap((v) => v.events)).toEqual(whole.events.filter((e) => e.at <= seen[seen.length - 1].now));
    expect(seen[0].hall.windows.map((w) => w.state)).toEqual(['open', 'open', 'closed']);
    expect(seen[0].staffOnDuty).toBe(2);
  });

  it('makes a wanted change after the reaction delay, the same day as that change planned in advance', () => {
    const r = runClosedLoop({ sim: day(), policy: wants([{ kind: 'open', windowId: 'w3' }]), spareClerks: 1, reactionDelayMs: 5 * MIN });
    expect(r.applied).toEqual([{ at: 5 * MIN, command: { kind: 'open', windowId: 'w3' } }]);
    const planned = simulateHall({ ...day(), changes: [{ at: 5 * MIN, windowId: 'w3', state: 'open' }] });
    expect(r.events).toEqual(planned.events);
    expect(r.windowHours).toBeCloseTo((2 * r.finishedAt + (r.finishedAt - 5 * MIN)) / HOUR, 9);
  });

  it('never opens more windows than clerks on duty', () => {
    const sim = { ...day(), windows: [...day().windows, { id: 'w4', state: 'closed' as const, categoryIds: ['A'] }] };
    const r = runClosedLoop({ sim, policy: wants([{ kind: 'open', windowId: 'w3' }, { kind: 'open', windowId: 'w4' }]), spareClerks: 1, reactionDelayMs: 0 });
    expect(r.applied.map((a) => a.command.windowId)).toEqual(['w3']);
    expect(r.events.some((e) => e.type === 'window_opened' && e.windowId === 'w4')).toBe(false);
  });

  it('pauses a window for its clerk\'s break, brings it back after, and keeps the clerks count', () => {
    const seen: PolicyView[] = [];
    const r = runClosedLoop({
      sim: day(), policy: wants([{ kind: 'open', windowId: 'w1' }], seen), spareClerks: 1, reactionDelayMs: 0,
      breaks: [{ windowId: 'w1', from: HOUR, to: 2 * HOUR }],
    });
    const w1 = r.events.filter((e) => e.type.startsWith('window_') && 'windowId' in e && e.windowId === 'w1');
    expect(w1).toEqual([{ type: 'window_paused', at: HOUR, windowId: 'w1' }, { type: 'window_opened', at: 2 * HOUR, windowId: 'w1', categoryIds: ['A'] }]);
    expect(r.applied).toEqual([]); // the policy cannot open a window on a break
    const during = seen.find((v) => v.now === HOUR + 30 * MIN) as PolicyView;
    expect(during.onBreak.has('w1')).toBe(true);
    expect(during.staffOnDuty).toBe(2);
    expect(r.tickets.some((t) => t.windowId === 'w1' && (t.calledAt as number) > HOUR && (t.calledAt as number) < 2 * HOUR)).toBe(false);
  });

  it('closes the latest opened window when a break leaves more windows open than clerks', () => {
    let once = false;
    const policy: StaffingPolicy = {
      decide: () => (once ? [] : ((once = true), [{ kind: 'close', windowId: 'w1' }, { kind: 'open', windowId: 'w3' }])),
    };
    const r = runClosedLoop({ sim: day(), policy, reactionDelayMs: 0, breaks: [{ windowId: 'w1', from: HOUR, to: 2 * HOUR }] });
    expect(r.applied.map((a) => `${a.command.kind} ${a.command.windowId}`)).toEqual(['close w1', 'open w3']);
    expect(r.forced).toBe(1);
    expect(r.events.find((e) => e.type === 'window_closed' && e.windowId === 'w3')?.at).toBe(HOUR);
    expect(r.events.some((e) => e.type === 'window_opened' && e.windowId === 'w1')).toBe(false); // it was closed before the break
  });
});

describe('ReactionDelay', () => {
  const open3: WindowCommand = { kind: 'open', windowId: 'w3' };
  it('makes a change wanted at every decision for the delay, and forgets one no longer wanted', () => {
    const m = new ReactionDelay(2 * MIN);
    expect(m.due(0, [open3])).toEqual([]);
    expect(m.due(MIN, [open3])).toEqual([]);
    expect(m.due(2 * MIN, [open3])).toEqual([open3]);
    m.done(open3);
    expect(m.due(3 * MIN, [open3])).toEqual([]); // wanted again: a new wait
    expect(m.due(4 * MIN, [])).toEqual([]);
    expect(m.due(5 * MIN, [open3])).toEqual([]);
    expect(m.due(7 * MIN, [open3])).toEqual([open3]);
    expect(m.due(7 * MIN, [{ ...open3, categoryIds: ['B'] }])).toEqual([]); // another profile is another change
  });
});

describe('freeWindowFor', () => {
  it('picks a free window whose profile lists the category earliest, else gives one the category alone', () => {
    const view = {
      onBreak: new Set(['w4']),
      hall: {
        categories: [], waiting: [], serving: [],
        windows: [
          { id: 'w1', state: 'open' as const, categoryIds: ['A'] },
          { id: 'w2', state: 'closed' as const, categoryIds: ['C', 'B'] },
          { id: 'w3', state: 'closed' as const, categoryIds: ['B', 'C'] },
          { id: 'w4', state: 'paused' as const, categoryIds: ['B'] },
          { id: 'w5', state: 'closed' as const, categoryIds: ['C'] },
        ],
      },
    };
    expect(freeWindowFor(view, 'B', new Set())).toEqual({ kind: 'open', windowId: 'w3', categoryIds: ['B', 'C'] });
    expect(freeWindowFor(view, 'B', new Set(['w3']))).toEqual({ kind: 'open', windowId: 'w2', categoryIds: ['C', 'B'] });
    expect(freeWindowFor(view, 'A', new Set(['w2']))).toEqual({ kind: 'open', windowId: 'w5', categoryIds: ['A'] });
    expect(freeWindowFor(view, 'A', new Set(['w2', 'w3', 'w5']))).toBeUndefined();
  });
});
