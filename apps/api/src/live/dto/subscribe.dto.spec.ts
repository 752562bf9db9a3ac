import { FloodGuard } from '../flood-guard';
import { parseSubscribe } from './subscribe.dto';

describe('parseSubscribe', () => {
  it('accepts exactly one of hall, window, ticket, manager', () => {
    expect(parseSubscribe({ manager: 'h-1' })).toEqual({ ok: true, target: { kind: 'manager', id: 'h-1' } });
    expect(parseSubscribe({ hall: 'h-1' })).toEqual({ ok: true, target: { kind: 'hall', id: 'h-1' } });
    expect(parseSubscribe({ window: 'w_2' })).toEqual({ ok: true, target: { kind: 'window', id: 'w_2' } });
    expect(parseSubscribe({ ticket: 'AbC-_9' })).toEqual({ ok: true, target: { kind: 'ticket', token: 'AbC-_9' } });
  });

  it.each([
    undefined, null, 'hall', 7, [], [{ hall: 'x' }], {}, { hall: 1 }, { hall: '' }, { hall: 'a b' }, { hall: 'x'.repeat(65) },
    { hall: 'a', window: 'b' }, { hall: 'a', manager: 'a' }, { manager: 'a b' },
  ])(
    'refuses %p with a message',
    (p) => {
      const r = parseSubscribe(p);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.length).toBeGreaterThan(10);
    },
  );
});

describe('FloodGuard', () => {
  it('allows a burst, refuses beyond it, and refills with time', () => {
    let now = 0;
    const g = new FloodGuard(3, 2, () => now);
    expect([g.take(), g.take(), g.take(), g.take()]).toEqual([true, true, true, false]);
    now += 500; // one token back at 2 per second
    expect([g.take(), g.take()]).toEqual([true, false]);
  });
});
