/**
 * Arrival rate per category by weekday and time-of-day slot, learned from issued events, corrected by
 * today's arrivals so far. Online (one `observeArrival` per ticket) and rebuildable by replaying history.
 */
const DAY = 86_400_000;

export interface ArrivalRateOptions {
  /** Slot length, ms (default 30 min; 15 min also works). */
  slotMs?: number;
  /** Hall time zone as an offset from UTC in minutes (default +480, Asia/Shanghai). */
  utcOffsetMinutes?: number;
  /** Pseudo-count for today's correction: (today + k) / (expected + k) (default 5). */
  correctionPseudoCount?: number;
}

export class ArrivalRateEstimator {
  private readonly slotMs: number;
  private readonly offsetMs: number;
  private readonly k: number;
  private readonly slotsPerDay: number;
  /** history[category][weekday * slotsPerDay + slot] = arrivals over completed days */
  private readonly history = new Map<string, Float64Array>();
  private readonly daysPerWeekday = new Float64Array(7);
  private currentDay = -Infinity;
  private readonly today = new Map<string, number[]>();

  constructor(opts: ArrivalRateOptions = {}) {
    this.slotMs = opts.slotMs ?? 30 * 60_000;
    this.offsetMs = (opts.utcOffsetMinutes ?? 480) * 60_000;
    this.k = opts.correctionPseudoCount ?? 5;
    this.slotsPerDay = Math.round(DAY / this.slotMs);
  }

  private dayOf(t: number): number {
    return Math.floor((t + this.offsetMs) / DAY);
  }
  private slotOf(t: number): number {
    return Math.floor((((t + this.offsetMs) % DAY) + DAY) % DAY / this.slotMs);
  }
  private weekdayOf(day: number): number {
    return (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday (4)
  }

  /**
   * Moves the clock of the estimator; a new service day folds the previous day into history. Queries
   * call it with their `now`, so a day with no events yet still sees yesterday in the profile.
   */
  advanceTo(t: number): void {
    const d = this.dayOf(t);
    if (d <= this.currentDay) return;
    if (Number.isFinite(this.currentDay)) {
      const wd = this.weekdayOf(this.currentDay);
      this.daysPerWeekday[wd] += 1;
      for (const [cat, counts] of this.today) {
        let h = this.history.get(cat);
        if (!h) this.history.set(cat, (h = new Float64Array(7 * this.slotsPerDay)));
        for (let s = 0; s < counts.length; s++) h[wd * this.slotsPerDay + s] += counts[s];
      }
    }
    this.today.clear();
    this.currentDay = d;
  }

  observeArrival(categoryId: string, at: number): void {
    this.advanceTo(at);
    let c = this.today.get(categoryId);
    if (!c) this.today.set(categoryId, (c = new Array(this.slotsPerDay).fill(0)));
    c[this.slotOf(at)] += 1;
  }

  /** Historical rate (per hour) for the weekday and slot of `t`; falls back to all weekdays. */
  profileRatePerHour(categoryId: string, t: number): number {
    const h = this.history.get(categoryId);
    if (!h) return NaN;
    const wd = this.weekdayOf(this.dayOf(t));
    const slot = this.slotOf(t);
    const hours = this.slotMs / 3_600_000;
    if (this.daysPerWeekday[wd] > 0) return h[wd * this.slotsPerDay + slot] / this.daysPerWeekday[wd] / hours;
    let n = 0;
    let days = 0;
    for (let w = 0; w < 7; w++) {
      n += h[w * this.slotsPerDay + slot];
      days += this.daysPerWeekday[w];
    }
    return days > 0 ? n / days / hours : NaN;
  }

  /** Today's arrivals so far divided by what the profile expected so far (shrunk toward 1). */
  todayFactor(categoryId: string, now: number): number {
    this.advanceTo(now);
    if (this.dayOf(now) !== this.currentDay) return 1;
    const counts = this.today.get(categoryId) ?? [];
    const nowSlot = this.slotOf(now);
    const dayStart = this.currentDay * DAY - this.offsetMs;
    let actual = 0;
    let expected = 0;
    for (let s = 0; s <= nowSlot; s++) {
      const frac = s < nowSlot ? 1 : ((now - dayStart) % this.slotMs) / this.slotMs;
      actual += (counts[s] ?? 0) * (s < nowSlot ? 1 : 1);
      const r = this.profileRatePerHour(categoryId, dayStart + s * this.slotMs);
      if (Number.isFinite(r)) expected += (r * this.slotMs * frac) / 3_600_000;
    }
    if (expected <= 0) return 1;
    return Math.min(3, Math.max(0.3, (actual + this.k) / (expected + this.k)));
  }

  /**
   * Forecast arrival rate (per hour) at time `t` as seen at `now`: profile x today's factor. With no
   * history: today's average rate so far (over the last two hours), else 0.
   */
  ratePerHour(categoryId: string, t: number, now: number): number {
    this.advanceTo(now);
    const p = this.profileRatePerHour(categoryId, t);
    if (Number.isFinite(p)) return p * this.todayFactor(categoryId, now);
    if (this.dayOf(now) !== this.currentDay) return 0;
    const counts = this.today.get(categoryId) ?? [];
    const nowSlot = this.slotOf(now);
    const from = Math.max(0, nowSlot - Math.round(7_200_000 / this.slotMs) + 1);
    const dayStart = this.currentDay * DAY - this.offsetMs;
    let first = -1;
    let n = 0;
    for (let s = from; s <= nowSlot; s++) {
      if (first < 0 && counts[s]) first = s;
      n += counts[s] ?? 0;
    }
    if (first < 0) return 0;
    const spanMs = Math.max(now - (dayStart + first * this.slotMs), this.slotMs / 2);
    return (n / spanMs) * 3_600_000;
  }

  /** Rates per hour at `from`, `from + stepMs`, ... (`steps` values). */
  forecast(categoryId: string, from: number, steps: number, stepMs: number, now: number): number[] {
    return Array.from({ length: steps }, (_, i) => this.ratePerHour(categoryId, from + i * stepMs, now));
  }
}
