import type { PriorityClass } from '../routing/routing-rule.types';

/**
 * How many people will be called before a ticket in its line (the same category, or the same target
 * window): every waiting priority ticket if it is normal, plus those of its own class issued earlier.
 * The routing rule may still interleave other categories at shared windows; the wait estimate accounts
 * for that, this count does not. Counted by the database (LineCounts), so a long line costs no transfer.
 */
export interface LineCounts {
  /** Waiting priority tickets of the line, the ticket itself left out. */
  priority: number;
  /** Waiting tickets of the ticket's own class issued before it. */
  sameClassBefore: number;
}

export function peopleAhead(priority: PriorityClass, counts: LineCounts): number {
  return priority === 'priority' ? counts.sameClassBefore : counts.priority + counts.sameClassBefore;
}

/**
 * People ahead of each ticket of a group just issued together (in number order) into a line that
 * already held `base.priority` priority and `base.normal` normal tickets, all issued before the group.
 */
export function peopleAheadInGroup(base: { priority: number; normal: number }, group: readonly PriorityClass[]): number[] {
  const groupPriority = group.filter((p) => p === 'priority').length;
  let priorityBefore = 0;
  let normalBefore = 0;
  return group.map((p) => {
    if (p === 'priority') return peopleAhead(p, { priority: 0, sameClassBefore: base.priority + priorityBefore++ });
    return peopleAhead(p, { priority: base.priority + groupPriority, sameClassBefore: base.normal + normalBefore++ });
  });
}
