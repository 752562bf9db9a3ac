import { jsonDeeperThan, valueDeeperThan } from './json-depth';

describe('JSON depth checks', () => {
  const text = (s: string) => Buffer.from(s, 'utf8');

  it('measures nesting of objects and arrays in the raw text', () => {
    expect(jsonDeeperThan(text('{"a":[1,{"b":2}]}'), 3)).toBe(false);
    expect(jsonDeeperThan(text('{"a":[1,{"b":[2]}]}'), 3)).toBe(true);
    expect(jsonDeeperThan(text('[]'.repeat(1000)), 1)).toBe(false); // siblings are not depth
    expect(jsonDeeperThan(text('['.repeat(6000) + ']'.repeat(6000)), 32)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included, and multi-byte text', () => {
    expect(jsonDeeperThan(text(JSON.stringify({ c: '[[[[{{{{', d: 'say "[[[["', e: '办件[[[[\\' })), 1)).toBe(false);
    expect(jsonDeeperThan(text(`{"a":"\\"","b":[[1]]}`), 2)).toBe(true);
  });

  it('measures parsed socket payloads without recursion', () => {
    let deep: unknown = 0;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(valueDeeperThan(deep, 8)).toBe(true);
    expect(valueDeeperThan({ hall: 'h1' }, 1)).toBe(false);
    expect(valueDeeperThan({ hall: { id: 'h1' } }, 1)).toBe(true);
    expect(valueDeeperThan('text', 0)).toBe(false);
  });
});
