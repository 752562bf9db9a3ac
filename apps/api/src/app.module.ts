import { existsSync } from 'node:fs';
import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AuthModule } from './auth/auth.module';
import type { AppConfig } from './common/config/app-config';
import { ClusterModule } from './cluster/cluster.module';
import { ConfigModule } from './common/config/config.module';
import { WindowActionsController } from './counter/window-actions.controller';
import { DatabaseModule } from './database/database.module';
import { DemoSeedRepository } from './demo/demo-seed.repository';
import { DemoSeedService } from './demo/demo-seed.service';
import { ForecastModule } from './forecast/forecast.module';
import { HallsController } from './halls/halls.controller';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { AlertsModule } from './alerts/alerts.module';
import { BoardModule } from './board/board.module';
import { StaffingModule } from './staffing/staffing.module';
import { DisplayStaticModule } from './live/display-static.module';
import { LiveModule } from './live/live.module';
import { CloseOutJob } from './queue/close-out.job';
import { TransitionLogService } from './queue/transition-log.service';
import { RequestLoggingMiddleware } from './common/logging/request-logging.middleware';
import { QueueModule } from './queue/queue.module';
import { RatingsModule } from './ratings/ratings.module';
import { ReportsModule } from './reports/reports.module';
import { TicketsController } from './tickets/tickets.controller';
import { TicketsService } from './tickets/tickets.service';
import { WaitsModule } from './waits/waits.module';

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
        ConfigModule.forRoot(config), DatabaseModule, AuthModule, QueueModule, ClusterModule, ForecastModule, WaitsModule, HealthModule, MetricsModule,
        AlertsModule, LiveModule, ScheduleModule.forRoot(), RatingsModule, ReportsModule, BoardModule, StaffingModule, ...display,
      ],
      controllers: [HallsController, TicketsController, WindowActionsController],
      providers: [TicketsService, DemoSeedService, DemoSeedRepository, CloseOutJob, TransitionLogService],
    };
  }
}
