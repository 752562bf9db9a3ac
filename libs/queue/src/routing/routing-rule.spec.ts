import { nextPriorityStreak, pickNextTicket } from './routing-rule';
import type { RoutableTicket, RoutableWindow, RoutingContext } from './routing-rule.types';

const MIN = 60_000;
const now = 100 * MIN;
const ctx: RoutingContext = { now, targetWaitMs: { A: 20 * MIN, B: 10 * MIN, C: 30 * MIN }, maxPriorityStreak: 2 };
const win = (categoryIds: string[], priorityStreak = 0, id = 'w1'): RoutableWindow => ({ id, categoryIds, priorityStreak });
let n = 0;
const tk = (categoryId: string, waitedMin: number, extra: Partial<RoutableTicket> = {}): RoutableTicket => ({
  id: `t${++n}`, categoryId, priority: 'normal', issuedAt: now - waitedMin * MIN, ...extra,
});

describe('routing rule', () => {
  it('calls nothing when nothing of the window is waiting', () => {
    expect(pickNextTicket(win(['A']), [tk('B', 50)], ctx)).toBeUndefined();
    expect(pickNextTicket(win([]), [tk('A', 5)], ctx)).toBeUndefined();
  });

  it('within one category calls the longest waiting first', () => {
    const a = tk('A', 5);
    const b = tk('A', 12);
    expect(pickNextTicket(win(['A']), [a, b], ctx)).toBe(b);
  });

  it('across categories calls the largest wait relative to its target', () => {
    // B waited 8 of 10 min (0.8); A waited 14 of 20 (0.7); C waited 20 of 30 (0.67)
    const a = tk('A', 14);
    const b = tk('B', 8);
    const c = tk('C', 20);
    expect(pickNextTicket(win(['A', 'B', 'C']), [a, b, c], ctx)).toBe(b);
    // the window's preference order does not override the relative wait
    expect(pickNextTicket(win(['C', 'A', 'B']), [a, b, c], ctx)).toBe(b);
  });

  it('breaks exact ties by issue time, then by the window preference order', () => {
    const a = tk('A', 10, { issuedAt: now - 10 * MIN });
    const c = tk('C', 15, { issuedAt: now - 15 * MIN }); // same 0.5 ratio, issued earlier
    expect(pickNextTicket(win(['A', 'C']), [a, c], ctx)).toBe(c);
    const a2 = tk('A', 0, { issuedAt: now });
    const c2 = tk('C', 0, { issuedAt: now });
    expect(pickNextTicket(win(['C', 'A']), [a2, c2], ctx)).toBe(c2);
    expect(pickNextTicket(win(['A', 'C']), [a2, c2], ctx)).toBe(a2);
  });

  it('serves priority tickets first', () => {
    const old = tk('A', 30);
    const p = tk('A', 1, { priority: 'priority' });
    expect(pickNextTicket(win(['A']), [old, p], ctx)).toBe(p);
  });

  it('bounds the priority share: after the streak a normal ticket is called', () => {
    const old = tk('A', 30);
    const p = tk('A', 1, { priority: 'priority' });
    expect(pickNextTicket(win(['A'], 2), [old, p], ctx)).toBe(old);
    // with no normal ticket waiting the streak does not block priority tickets
    expect(pickNextTicket(win(['A'], 5), [p], ctx)).toBe(p);
  });

  it('never starves a normal ticket: it is called within streak+1 calls of one window', () => {
    const normal = tk('A', 0);
    const line: RoutableTicket[] = [normal];
    for (let i = 0; i < 50; i++) line.push(tk('A', 0, { priority: 'priority', issuedAt: now + i }));
    let w = win(['A']);
    let calls = 0;
    for (;;) {
      const t = pickNextTicket(w, line, ctx)!;
      calls++;
      line.splice(line.indexOf(t), 1);
      w = { ...w, priorityStreak: nextPriorityStreak(w, t) };
      if (t === normal) break;
    }
    expect(calls).toBe(ctx.maxPriorityStreak + 1);
  });

  it('keeps the priority share at streak/(streak+1) under a steady mix', () => {
    const line: RoutableTicket[] = [];
    for (let i = 0; i < 300; i++) line.push(tk('A', 0, { priority: i % 2 ? 'priority' : 'normal', issuedAt: now + i }));
    let w = win(['A']);
    let pri = 0;
    for (let i = 0; i < 150; i++) {
      const t = pickNextTicket(w, line, ctx)!;
      line.splice(line.indexOf(t), 1);
      if (t.priority === 'priority') pri++;
      w = { ...w, priorityStreak: nextPriorityStreak(w, t) };
    }
    expect(pri).toBe(100); // 2 of every 3 calls
  });

  it('calls tickets transferred to this window first, and never those sent to another window', () => {
    const here = tk('Z', 1, { targetWindowId: 'w1' });
    const there = tk('A', 60, { targetWindowId: 'w2' });
    const normal = tk('A', 40);
    expect(pickNextTicket(win(['A']), [there, normal, here], ctx)).toBe(here);
    expect(pickNextTicket(win(['A']), [there, normal], ctx)).toBe(normal);
    expect(pickNextTicket(win(['A'], 0, 'w2'), [there, normal], ctx)).toBe(there);
  });

  it('lets a transferred ticket keep its place by its original issue time', () => {
    const transferred = tk('A', 45); // issued 45 min ago at another category, moved to A
    const fresh = tk('A', 10);
    expect(pickNextTicket(win(['A']), [fresh, transferred], ctx)).toBe(transferred);
  });

  it('a directed call leaves the priority streak as it was', () => {
    const w = win(['A'], 1);
    expect(nextPriorityStreak(w, tk('A', 1, { targetWindowId: 'w1', priority: 'priority' }))).toBe(1);
    expect(nextPriorityStreak(w, tk('A', 1, { priority: 'priority' }))).toBe(2);
    expect(nextPriorityStreak(w, tk('A', 1))).toBe(0);
  });
});
