/**
 * A circuit breaker driven by a probe, not by the failures of requests: a request on a connection that
 * went silent (a network partition) does not fail, it waits, so counting failed requests would notice a
 * partition only after the statement timeout. The probe pings the database on a connection of its own
 * every `intervalMs`; a ping without an answer within `timeoutMs` (or an error) opens the breaker, the
 * next good ping closes it. While open, the owner fails database work at once (mysql-circuit-breaker.ts).
 * A ping that must first open its connection also gets `connectTimeoutMs`, as the pool's connections
 * do: a handshake slower than a ping (TLS, a far database) must not keep the breaker open for good.
 *
 * No Nest, no driver: the probe and the timers come in as arguments, so the state machine tests with a
 * fake clock (circuit-breaker.spec.ts).
 */

export interface Probe {
  /** True while the probe holds a connection (the next ping needs no handshake). */
  readonly connected: boolean;
  /** One round trip on the probe's own connection, made first when there is none. */
  ping(): Promise<void>;
  /** Abandons the probe's connection (a ping that failed or hung): destroyed, the next ping makes a new one. */
  reset(): void;
}

export interface BreakerTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setImmediate(fn: () => void): unknown;
}

export interface BreakerEvents {
  /** Once per outage, when the first ping fails. */
  open(reason: Error): void;
  /** Once per recovery, with how long the breaker was open. */
  close(openMs: number): void;
}

export interface BreakerTiming {
  intervalMs: number;
  timeoutMs: number;
  connectTimeoutMs: number;
}

/** Node's timers, unref'd: the probe alone never keeps the process alive. */
export const nodeTimers: BreakerTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
  setImmediate: (fn) => setImmediate(fn).unref(),
};

export class CircuitBreaker {
  private openedAt: number | null = null;
  private next: unknown = null;
  private running = false;

  constructor(
    private readonly probe: Probe,
    private readonly timing: BreakerTiming,
    private readonly events: BreakerEvents,
    private readonly timers: BreakerTimers = nodeTimers,
    private readonly now: () => number = Date.now,
  ) {}

  get isOpen(): boolean {
    return this.openedAt !== null;
  }

  /** When the breaker opened (ms since the epoch), or null while closed. */
  get openSince(): number | null {
    return this.openedAt;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.round();
  }

  stop(): void {
    this.running = false;
    this.timers.clearTimeout(this.next);
    this.next = null;
    this.probe.reset();
  }

  private async round(): Promise<void> {
    const failure = await this.pingWithin();
    if (!this.running) return;
    if (failure) {
      this.probe.reset();
      if (this.openedAt === null) {
        this.openedAt = this.now();
        this.events.open(failure);
      }
    } else if (this.openedAt !== null) {
      const openMs = this.now() - this.openedAt;
      this.openedAt = null;
      this.events.close(openMs);
    }
    // The next ping starts an interval after this one ended: one ping at a time, never a pile of them.
    this.next = this.timers.setTimeout(() => void this.round(), this.timing.intervalMs);
  }

  /** Resolves with the failure, or undefined when the ping answered in time. Never rejects. */
  private pingWithin(): Promise<Error | undefined> {
    const ms = this.timing.timeoutMs + (this.probe.connected ? 0 : this.timing.connectTimeoutMs);
    return new Promise((resolve) => {
      let settled = false;
      const settle = (failure?: Error) => {
        if (settled) return;
        settled = true;
        this.timers.clearTimeout(timer);
        resolve(failure);
      };
      const timer = this.timers.setTimeout(() => {
        // Timers run before the event loop reads its sockets: after a pause of the loop (a long
        // synchronous task, GC, a starved CPU) the answer may be waiting unread. setImmediate runs after
        // that read, so only a ping that truly got no answer fails, not one the api was too busy to see.
        this.timers.setImmediate(() => settle(new Error(`no answer to a ping within ${ms} ms`)));
      }, ms);
      Promise.resolve()
        .then(() => this.probe.ping())
        .then(
          () => settle(),
          (e: unknown) => settle(e instanceof Error ? e : new Error(String(e))),
        );
    });
  }
}
