import type { EntityManager } from 'typeorm';
import { PooledOverlap, SingleConnectionOverlap } from './issuing-adapters';

const pool = { name: 'pool' } as unknown as EntityManager;
const inTx = { name: 'transaction' } as unknown as EntityManager;

describe('PooledOverlap (MySQL)', () => {
  const overlap = new PooledOverlap(pool);

  it('starts a read before the work at once, on the pool', async () => {
    const seen: EntityManager[] = [];
    const later = overlap.beforeWork(async (em) => (seen.push(em), 'keys'));
    expect(seen).toEqual([pool]);
    await expect(later(inTx)).resolves.toBe('keys');
    expect(seen).toEqual([pool]);
  });

  it('starts a read beside the writes at once, on the pool, and keeps a failure for the awaiter', async () => {
    const seen: EntityManager[] = [];
    const later = overlap.besideWrites(async (em) => {
      seen.push(em);
      throw new Error('gone');
    });
    expect(seen).toEqual([pool]);
    await expect(later()).rejects.toThrow('gone');
  });

  it('lets the next group start when only COMMIT is left', () => {
    const release = jest.fn();
    overlap.onlyCommitLeft(release);
    expect(release).toHaveBeenCalledTimes(1);
  });
});

describe('SingleConnectionOverlap (SQLite)', () => {
  const overlap = new SingleConnectionOverlap(pool);

  it('runs a read before the work inside the transaction', async () => {
    const seen: EntityManager[] = [];
    const later = overlap.beforeWork(async (em) => (seen.push(em), 'keys'));
    expect(seen).toEqual([]);
    await expect(later(inTx)).resolves.toBe('keys');
    expect(seen).toEqual([inTx]);
  });

  it('runs a read beside the writes only when awaited (after commit)', async () => {
    const seen: EntityManager[] = [];
    const later = overlap.besideWrites(async (em) => (seen.push(em), 3));
    expect(seen).toEqual([]);
    await expect(later()).resolves.toBe(3);
    expect(seen).toEqual([pool]);
  });

  it('leaves the next group waiting for this one to end', () => {
    const release = jest.fn();
    overlap.onlyCommitLeft(release);
    expect(release).not.toHaveBeenCalled();
  });
});
