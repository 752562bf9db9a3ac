import { peopleAhead, peopleAheadInGroup } from './people-ahead';

describe('people ahead', () => {
  it('puts every waiting priority ticket ahead of a normal one, and only earlier ones of its class', () => {
    expect(peopleAhead('normal', { priority: 2, sameClassBefore: 5 })).toBe(7);
    expect(peopleAhead('priority', { priority: 2, sameClassBefore: 1 })).toBe(1);
  });

  it('counts a group issued together in number order', () => {
    // Line before: 3 priority, 10 normal. Group: normal, priority, normal, priority.
    expect(peopleAheadInGroup({ priority: 3, normal: 10 }, ['normal', 'priority', 'normal', 'priority'])).toEqual([
      3 + 2 + 10, // all 5 priority tickets, the 10 normal ones before
      3, // the 3 earlier priority tickets
      3 + 2 + 11, // and the first normal of the group
      4, // the 3 earlier and the group's first priority
    ]);
  });

  it('answers 0 for the first ticket of an empty line', () => {
    expect(peopleAheadInGroup({ priority: 0, normal: 0 }, ['normal'])).toEqual([0]);
  });
});
