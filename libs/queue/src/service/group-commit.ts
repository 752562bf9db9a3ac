/**
 * Groups concurrent requests that contend for the same row into one transaction ("group commit").
 * Requests for a key queue up while a flush for that key runs; the next flush takes all of them at
 * once. A lone request is flushed at once, so grouping adds no latency when the hall is quiet.
 *
 * A flush may call `release()` once the next group no longer needs to wait for it (the issue group does
 * when only its COMMIT is left: the next group can then start its transaction and queue on the counter
 * row's lock in the database, instead of starting only after this one has committed and been answered).
 * At most one flush per key runs before its release, so at most two overlap.
 */
export type Outcome<O> = { ok: true; value: O } | { ok: false; error: unknown };

interface Queue<I, O> {
  items: { item: I; done: (o: Outcome<O>) => void }[];
  /** A flush of this key runs and has not released yet. */
  running: boolean;
}

export class GroupCommit<I, O> {
  private readonly queues = new Map<string, Queue<I, O>>();

  constructor(
    /** Handles one group; returns one outcome per item, in order. Throwing fails the whole group. */
    private readonly flush: (key: string, items: I[], release: () => void) => Promise<Outcome<O>[]>,
    private readonly maxGroup = 128,
  ) {}

  submit(key: string, item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      let q = this.queues.get(key);
      if (!q) this.queues.set(key, (q = { items: [], running: false }));
      q.items.push({ item, done: (o) => (o.ok ? resolve(o.value) : reject(o.error)) });
      if (!q.running) this.start(key, q);
    });
  }

  /** Flushes what is queued for the key; the following flush starts at this one's release or end. */
  private start(key: string, q: Queue<I, O>): void {
    if (!q.items.length) {
      q.running = false;
      if (this.queues.get(key) === q) this.queues.delete(key);
      return;
    }
    q.running = true;
    const group = q.items.splice(0, this.maxGroup);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.start(key, q);
    };
    const settle = (outcomes: Outcome<O>[]) => {
      group.forEach((g, i) => g.done(outcomes[i] ?? { ok: false, error: new Error('group commit lost an outcome') }));
      release();
    };
    let flushing: Promise<Outcome<O>[]>;
    try {
      flushing = this.flush(key, group.map((g) => g.item), release);
    } catch (error) {
      flushing = Promise.reject(error);
    }
    flushing.then(settle, (error: unknown) => settle(group.map(() => ({ ok: false, error }))));
  }
}
