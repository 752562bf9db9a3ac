import { Module } from '@nestjs/common';
import { AlertChanges } from './alert-changes';
import { AlertsController } from './alerts.controller';
import { AlertsJob } from './alerts.job';
import { AlertsRepository } from './alerts.repository';
import { AlertsService } from './alerts.service';
import { ClusterModule } from '../cluster/cluster.module';
import { ForecastModule } from '../forecast/forecast.module';

/** Line and ticket alerts: the job that raises them, the REST list and acknowledgement; AlertsService exported for /live. */
@Module({
  imports: [ClusterModule, ForecastModule],
  controllers: [AlertsController],
  providers: [AlertsRepository, AlertChanges, AlertsJob, AlertsService],
  exports: [AlertsService],
})
export class AlertsModule {}
