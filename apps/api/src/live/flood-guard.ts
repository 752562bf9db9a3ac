/**
 * A token bucket per socket: `burst` messages at once, refilled at `perSecond`. A screen sends a handful
 * of messages an hour; a client that empties the bucket is a bug or an attack, and gets disconnected.
 */
export class FloodGuard {
  private tokens: number;
  private last: number;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = this.now();
  }

  /** False once the client has sent more than it may. */
  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
