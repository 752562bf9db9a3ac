import { existsSync } from 'node:fs';
import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AlertsModule } from './alerts/alerts.module';
import { AuthModule } from './auth/auth.module';
import { BoardModule } from './board/board.module';
import type { AppConfig } from './common/config/app-config';
import { ConfigModule } from './common/config/config.module';
import { RequestLoggingMiddleware } from './common/logging/request-logging.middleware';
import { CounterModule } from './counter/counter.module';
import { DatabaseModule } from './database/database.module';
import { DemoModule } from './demo/demo.module';
import { HallsModule } from './halls/halls.module';
import { HealthModule } from './health/health.module';
import { DisplayStaticModule } from './live/display-static.module';
import { LiveModule } from './live/live.module';
import { MetricsModule } from './metrics/metrics.module';
import { CloseOutModule } from './queue/close-out.module';
import { QueueModule } from './queue/queue.module';
import { RatingsModule } from './ratings/ratings.module';
import { ReportsModule } from './reports/reports.module';
import { StaffingModule } from './staffing/staffing.module';
import { TicketsModule } from './tickets/tickets.module';

/**
 * The api: one module per concept (docs/design-notes.md, "The house"). Only config, the database and the
 * queue are global; every other module imports what it reads.
 */
@Module({})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestLoggingMiddleware).forRoutes('{*path}');
  }

  static forRoot(config: AppConfig): DynamicModule {
    const display = existsSync(config.displayDir)
      ? [DisplayStaticModule.forRoot({ rootPath: config.displayDir, exclude: ['/api/{*path}'] })]
      : [];
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        QueueModule,
        ScheduleModule.forRoot(),
        MetricsModule, // the request log middleware above counts into it
        AuthModule,
        HallsModule,
        TicketsModule,
        CounterModule,
        CloseOutModule,
        HealthModule,
        AlertsModule,
        LiveModule,
        RatingsModule,
        ReportsModule,
        BoardModule,
        StaffingModule,
        DemoModule,
        ...display,
      ],
    };
  }
}
