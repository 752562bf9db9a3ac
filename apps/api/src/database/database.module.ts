import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { openDataSource } from './data-source';
import { DatabaseCircuitBreaker } from './mysql-circuit-breaker';

@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => openDataSource(config),
    },
    {
      provide: DatabaseCircuitBreaker,
      inject: [DataSource, APP_CONFIG],
      useFactory: (dataSource: DataSource, config: AppConfig) =>
        config.database.type === 'mysql'
          ? DatabaseCircuitBreaker.attach(dataSource, {
              intervalMs: config.dbProbeIntervalMs,
              timeoutMs: config.dbProbeTimeoutMs,
              connectTimeoutMs: config.dbConnectTimeoutMs,
            })
          : DatabaseCircuitBreaker.none(),
    },
  ],
  exports: [DataSource, DatabaseCircuitBreaker],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(DatabaseCircuitBreaker) private readonly breaker: DatabaseCircuitBreaker,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.breaker.stop();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
