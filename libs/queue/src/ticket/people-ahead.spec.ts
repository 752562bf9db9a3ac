import { countAhead, type LinePosition } from './people-ahead';

const p = (id: string, issuedAt: number, priority: 'normal' | 'priority' = 'normal', targetWindowId: string | null = null): LinePosition => ({
  id, issuedAt, seq: issuedAt, priority, targetWindowId,
});

describe('people ahead', () => {
  const line = [p('a', 1), p('b', 2), p('c', 3, 'priority'), p('d', 4), p('x', 0, 'normal', 'w9')];

  it('counts earlier tickets of the same class and all priority tickets ahead of a normal one', () => {
    expect(countAhead(line[0], line)).toBe(1); // c (priority)
    expect(countAhead(line[1], line)).toBe(2); // a, c
    expect(countAhead(line[3], line)).toBe(3); // a, b, c
  });

  it('counts only earlier priority tickets ahead of a priority one', () => {
    expect(countAhead(line[2], line)).toBe(0);
    expect(countAhead(p('e', 5, 'priority'), [...line, p('e', 5, 'priority')])).toBe(1);
  });

  it('keeps tickets transferred to a window in a line of their own', () => {
    expect(countAhead(line[4], line)).toBe(0);
    expect(countAhead(p('y', 9, 'normal', 'w9'), line)).toBe(1);
  });

  it('orders same-millisecond tickets by their number', () => {
    const same = [{ ...p('m', 7), seq: 10 }, { ...p('n', 7), seq: 11 }];
    expect(countAhead(same[1], same)).toBe(1);
    expect(countAhead(same[0], same)).toBe(0);
  });
});
