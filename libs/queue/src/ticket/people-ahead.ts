import type { PriorityClass } from '../routing/routing-rule.types';

export interface LinePosition {
  id: string;
  priority: PriorityClass;
  issuedAt: number;
  seq: number;
  targetWindowId: string | null;
}

/**
 * People who will be called before `t` among the waiting tickets of its line (the same category, or
 * the same target window): every waiting priority ticket if `t` is normal, plus those of its own class
 * issued earlier. The routing rule may still interleave other categories at shared windows; the wait
 * estimate accounts for that, this count does not.
 */
export function countAhead(t: LinePosition, line: readonly LinePosition[]): number {
  let n = 0;
  for (const o of line) {
    if (o.id === t.id || (o.targetWindowId ?? null) !== (t.targetWindowId ?? null)) continue;
    const earlier = o.issuedAt < t.issuedAt || (o.issuedAt === t.issuedAt && o.seq < t.seq);
    if (o.priority === t.priority ? earlier : o.priority === 'priority') n++;
  }
  return n;
}
