import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { DatabaseCircuitBreaker } from '../database/mysql-circuit-breaker';

/** Ready only when the database answers a trivial query within a second, and the circuit breaker is closed. */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly breaker: DatabaseCircuitBreaker,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key = 'database') {
    const indicator = this.health.check(key);
    const since = this.breaker.openSince;
    if (since !== null) {
      return indicator.down({
        type: this.dataSource.options.type,
        message: 'no answer to the health probe (circuit open)',
        since: new Date(since).toISOString(),
      });
    }
    const started = Date.now();
    try {
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 1 s')), 1000).unref()),
      ]);
      return indicator.up({ type: this.dataSource.options.type, ms: Date.now() - started });
    } catch (e) {
      return indicator.down({ type: this.dataSource.options.type, message: (e as Error).message });
    }
  }
}
