import { GroupCommit } from './group-commit';

describe('group commit', () => {
  it('flushes a lone item at once and groups the items that arrive meanwhile', async () => {
    const groups: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const gc = new GroupCommit<number, number>(async (_k, items) => {
      groups.push(items);
      if (groups.length === 1) await gate;
      return items.map((i) => ({ ok: true, value: i * 10 }));
    });
    const first = gc.submit('k', 1);
    const rest = [2, 3, 4].map((i) => gc.submit('k', i));
    release();
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40]);
    expect(groups).toEqual([[1], [2, 3, 4]]);
  });

  it('keeps keys apart and caps the group size', async () => {
    const groups: string[] = [];
    const gc = new GroupCommit<number, number>(async (k, items) => {
      groups.push(`${k}:${items.length}`);
      return items.map((i) => ({ ok: true, value: i }));
    }, 2);
    await Promise.all([gc.submit('a', 1), gc.submit('b', 1), gc.submit('a', 2), gc.submit('a', 3), gc.submit('a', 4)]);
    expect(groups).toEqual(['a:1', 'b:1', 'a:2', 'a:1']);
  });

  it('fails every item of a group whose flush throws, and per item outcomes otherwise', async () => {
    const gc = new GroupCommit<number, number>(async (_k, items) => {
      if (items.includes(13)) throw new Error('db down');
      return items.map((i) => (i < 0 ? { ok: false, error: new Error('negative') } : { ok: true, value: i }));
    });
    await expect(gc.submit('k', 13)).rejects.toThrow('db down');
    const [a, b] = await Promise.allSettled([gc.submit('k', -1), gc.submit('k', 5)]);
    expect(a.status).toBe('rejected');
    expect(b).toEqual({ status: 'fulfilled', value: 5 });
  });

  it('starts the next group when a flush releases, before that flush ends', async () => {
    const log: string[] = [];
    let finishFirst!: () => void;
    const firstDone = new Promise<void>((r) => (finishFirst = r));
    const gc = new GroupCommit<number, number>(async (_k, items, release) => {
      log.push(`start ${items.join(',')}`);
      if (items[0] === 1) {
        await Promise.resolve();
        release();
        release(); // a second call changes nothing
        await firstDone;
      }
      log.push(`end ${items.join(',')}`);
      return items.map((i) => ({ ok: true, value: i }));
    });
    const first = gc.submit('k', 1);
    const [second, third] = [gc.submit('k', 2), gc.submit('k', 3)];
    expect(await Promise.all([second, third])).toEqual([2, 3]);
    expect(log).toEqual(['start 1', 'start 2,3', 'end 2,3']);
    finishFirst();
    expect(await first).toBe(1);
    expect(log).toEqual(['start 1', 'start 2,3', 'end 2,3', 'end 1']);
  });

  it('waits for the end of a flush that does not release, also when it throws at once', async () => {
    const log: string[] = [];
    const gc = new GroupCommit<number, number>((_k, items) => {
      log.push(`start ${items.join(',')}`);
      if (items[0] === 1) throw new Error('sync failure');
      return Promise.resolve(items.map((i) => ({ ok: true, value: i })));
    });
    const results = await Promise.allSettled([gc.submit('k', 1), gc.submit('k', 2), gc.submit('k', 3)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(log).toEqual(['start 1', 'start 2,3']);
  });
});
