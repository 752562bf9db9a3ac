import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { DatabaseHealthIndicator } from './database.health';
import { Public } from '../auth/access.decorator';
import { RedisHealthIndicator } from './redis.health';

/**
 * For load balancers and orchestrators: live = the process answers; ready = it can serve (database
 * up). With REDIS_URL, ready also reports Redis under `details.redis`, without failing on it (see
 * RedisHealthIndicator): `status` stays "ok" and the answer 200 while only Redis is down.
 */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is up' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary:
      'The instance can serve: the database answers (503 when not). ' +
      'With REDIS_URL, details.redis says whether Redis answers; Redis down alone keeps 200',
  })
  async ready(): Promise<HealthCheckResult> {
    const redis = this.redis.configured ? this.redis.check() : null;
    try {
      const result = await this.health.check([() => this.database.check()]);
      return redis ? withRedis(result, await redis) : result;
    } catch (e) {
      if (redis && e instanceof ServiceUnavailableException) {
        throw new ServiceUnavailableException(withRedis(e.getResponse() as HealthCheckResult, await redis));
      }
      throw e;
    }
  }
}

function withRedis(r: HealthCheckResult, redis: Awaited<ReturnType<RedisHealthIndicator['check']>>): HealthCheckResult {
  const entry = redis as unknown as HealthCheckResult['details'][string];
  return {
    ...r,
    info: redis.status === 'up' ? { ...r.info, redis: entry } : r.info,
    details: { ...r.details, redis: entry },
  };
}
