import { Injectable } from '@nestjs/common';
import { RedisService } from '../cluster/redis.service';

export type RedisHealth =
  | { status: 'up'; ms: number }
  | { status: 'down'; message: string; since: string | null; impact: string };

/**
 * Redis in /health/ready when REDIS_URL is set. Down does NOT make the instance unready: it still serves
 * REST and its own sockets (only calls made on other instances stop reaching its screens), and a load
 * balancer that dropped every instance when Redis fails would turn a partial outage into a full one.
 */
@Injectable()
export class RedisHealthIndicator {
  constructor(private readonly redis: RedisService) {}

  get configured(): boolean {
    return this.redis.enabled;
  }

  async check(): Promise<RedisHealth> {
    const r = await this.redis.ping();
    if (r.up) return { status: 'up', ms: r.ms };
    return {
      status: 'down', message: r.message, since: r.since === null ? null : new Date(r.since).toISOString(),
      impact: 'this instance serves its own clients; calls made on other instances do not reach its screens until Redis returns',
    };
  }
}
