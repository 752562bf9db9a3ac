/**
 * Hysteresis for staffing advice, so it does not flap: a higher need is advised at once (open early);
 * a lower one only after it has held, with a margin, for `closeAfterMs`, and never before the last
 * change is `minOpenMs` old.
 */
export interface HysteresisOptions {
  /** How long the lower need must hold before advice drops (default 20 min). */
  closeAfterMs?: number;
  /** Minimum time between a rise and a drop (default 30 min). */
  minOpenMs?: number;
}

interface Entry {
  advised: number;
  changedAt: number;
  belowSince: number | null;
  changes: number;
}

export class StaffingHysteresis {
  private readonly closeAfter: number;
  private readonly minOpen: number;
  private readonly entries = new Map<string, Entry>();

  constructor(opts: HysteresisOptions = {}) {
    this.closeAfter = opts.closeAfterMs ?? 20 * 60_000;
    this.minOpen = opts.minOpenMs ?? 30 * 60_000;
  }

  /**
   * `need`: windows needed now; `needWithMargin`: windows needed for a stricter target (the margin a
   * drop must keep), or a function computing it (only called when a drop is possible). Returns the
   * advised count.
   */
  update(key: string, need: number, needWithMargin: number | (() => number), now: number): number {
    const e = this.entries.get(key);
    if (!e) {
      this.entries.set(key, { advised: need, changedAt: now, belowSince: null, changes: 0 });
      return need;
    }
    if (now < e.changedAt) return e.advised; // out-of-order call: keep the advice
    if (need > e.advised) {
      e.advised = need;
      e.changedAt = now;
      e.belowSince = null;
      e.changes++;
      return e.advised;
    }
    const lower = need < e.advised ? Math.max(need, typeof needWithMargin === 'function' ? needWithMargin() : needWithMargin) : need;
    if (lower < e.advised) {
      if (e.belowSince === null) e.belowSince = now;
      if (now - e.belowSince >= this.closeAfter && now - e.changedAt >= this.minOpen) {
        e.advised = lower;
        e.changedAt = now;
        e.belowSince = null;
        e.changes++;
      }
    } else {
      e.belowSince = null;
    }
    return e.advised;
  }

  /** How many times the advice for `key` changed after the first. */
  changes(key: string): number {
    return this.entries.get(key)?.changes ?? 0;
  }
}
