import { Logger } from '@nestjs/common';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import type Redis from 'ioredis';

/** Hits in a fixed window, and a block once over the limit, in one atomic step on the Redis server. */
const INCREMENT = `
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then
  return {tonumber(redis.call('GET', KEYS[1]) or '0'), redis.call('PTTL', KEYS[1]), 1, blocked}
end
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  return {hits, ttl, 1, tonumber(ARGV[3])}
end
return {hits, ttl, 0, 0}`;

type Incremented = [number, number, number, number];

/**
 * Rate-limit counts shared by every api instance through Redis, so "30 a minute per address" holds
 * behind a load balancer. @nestjs/throttler ships only an in-memory store, and the maintained Redis
 * store does not accept Nest 12 yet, hence these few lines. When Redis does not answer, each instance
 * keeps limiting on its own (in memory) instead of refusing tickets, and says so once per outage.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private readonly fallback = new ThrottlerStorageService();
  private degraded = false;

  constructor(private readonly redis: Redis, private readonly prefix = 'hallq:throttle:') {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string) {
    try {
      const [hits, ttlMs, blocked, blockMs] = (await this.redis.eval(
        INCREMENT, 2, `${this.prefix}${throttlerName}:${key}`, `${this.prefix}${throttlerName}:${key}:blocked`, ttl, limit, blockDuration,
      )) as Incremented;
      if (this.degraded) {
        this.degraded = false;
        this.logger.log('Rate limits are shared across instances again');
      }
      return {
        totalHits: hits, timeToExpire: Math.ceil(Math.max(0, ttlMs) / 1000),
        isBlocked: blocked === 1, timeToBlockExpire: Math.ceil(Math.max(0, blockMs) / 1000),
      };
    } catch (e) {
      if (!this.degraded) {
        this.degraded = true;
        this.logger.warn(`Rate limits count per instance for now: Redis did not answer (${(e as Error).message})`);
      }
      return this.fallback.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  shutdown(): void {
    this.fallback.onApplicationShutdown();
  }
}
