import Redis from 'ioredis';
import { RedisThrottlerStorage } from '../src/auth/redis-throttler.storage';

/**
 * The shared rate-limit store on the machine's real Redis (127.0.0.1:6379): two instances count
 * together, a block holds, and an unreachable Redis falls back to counting in memory.
 */
describe('rate limits shared through Redis', () => {
  const prefix = `hallq-test:${process.pid}:${Date.now()}:`;
  const a = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true, maxRetriesPerRequest: 1 });
  const b = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true, maxRetriesPerRequest: 1 });
  const one = new RedisThrottlerStorage(a, prefix);
  const two = new RedisThrottlerStorage(b, prefix);

  afterAll(async () => {
    const keys = await a.keys(`${prefix}*`);
    if (keys.length) await a.del(...keys);
    one.shutdown();
    two.shutdown();
    a.disconnect();
    b.disconnect();
  });

  it('counts hits from two instances together and blocks past the limit', async () => {
    const hits: number[] = [];
    for (let i = 0; i < 4; i++) hits.push((await (i % 2 ? two : one).increment('ip:1.2.3.4', 60_000, 3, 60_000, 'issue')).totalHits);
    expect(hits).toEqual([1, 2, 3, 4]);
    const over = await one.increment('ip:1.2.3.4', 60_000, 3, 60_000, 'issue');
    expect(over.isBlocked).toBe(true);
    expect(over.timeToBlockExpire).toBeGreaterThan(50);
    // Another address and another throttler are counted apart.
    expect((await two.increment('ip:5.6.7.8', 60_000, 3, 60_000, 'issue')).totalHits).toBe(1);
    expect((await two.increment('ip:1.2.3.4', 60_000, 3, 60_000, 'sign-in')).isBlocked).toBe(false);
  });

  it('lifts the block and starts a new window when they expire', async () => {
    for (let i = 0; i < 3; i++) await one.increment('ip:9.9.9.9', 200, 2, 200, 'issue');
    expect((await two.increment('ip:9.9.9.9', 200, 2, 200, 'issue')).isBlocked).toBe(true);
    await new Promise((r) => setTimeout(r, 450));
    const after = await two.increment('ip:9.9.9.9', 200, 2, 200, 'issue');
    expect(after).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('keeps limiting in memory when Redis does not answer', async () => {
    const dead = new Redis({ host: '127.0.0.1', port: 1, lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    const store = new RedisThrottlerStorage(dead, prefix);
    const r = [];
    for (let i = 0; i < 3; i++) r.push(await store.increment('ip:1.1.1.1', 60_000, 2, 60_000, 'issue'));
    expect(r.map((x) => x.isBlocked)).toEqual([false, false, true]);
    store.shutdown();
    dead.disconnect();
  });
});
