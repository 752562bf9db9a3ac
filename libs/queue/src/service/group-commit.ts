/**
 * Groups concurrent requests that contend for the same row into one transaction ("group commit").
 * Requests for a key queue up while a flush for that key runs; the next flush takes all of them at
 * once. A lone request is flushed at once, so grouping adds no latency when the hall is quiet.
 */
export type Outcome<O> = { ok: true; value: O } | { ok: false; error: unknown };

export class GroupCommit<I, O> {
  private readonly queues = new Map<string, { items: { item: I; done: (o: Outcome<O>) => void }[]; running: boolean }>();

  constructor(
    /** Handles one group; returns one outcome per item, in order. Throwing fails the whole group. */
    private readonly flush: (key: string, items: I[]) => Promise<Outcome<O>[]>,
    private readonly maxGroup = 128,
  ) {}

  submit(key: string, item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      let q = this.queues.get(key);
      if (!q) this.queues.set(key, (q = { items: [], running: false }));
      q.items.push({ item, done: (o) => (o.ok ? resolve(o.value) : reject(o.error)) });
      if (!q.running) void this.drain(key, q);
    });
  }

  private async drain(key: string, q: { items: { item: I; done: (o: Outcome<O>) => void }[]; running: boolean }): Promise<void> {
    q.running = true;
    while (q.items.length) {
      const group = q.items.splice(0, this.maxGroup);
      let outcomes: Outcome<O>[];
      try {
        outcomes = await this.flush(key, group.map((g) => g.item));
      } catch (error) {
        outcomes = group.map(() => ({ ok: false, error }));
      }
      group.forEach((g, i) => g.done(outcomes[i] ?? { ok: false, error: new Error('group commit lost an outcome') }));
    }
    q.running = false;
    this.queues.delete(key);
  }
}
