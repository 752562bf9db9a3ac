import { Module } from '@nestjs/common';
import { ForecastHistoryRepository } from './forecast-history.repository';
import { ForecastRefreshScheduler } from './forecast-refresh.scheduler';
import { HallForecastRegistry } from './hall-forecast.registry';
import { HallForecastService } from './hall-forecast.service';
import { ClusterModule } from '../cluster/cluster.module';

/**
 * libs/forecast in the api: one forecaster per hall (registry), rebuilt from the event log (history
 * repository), its predictions refreshed on a pace (scheduler), read through HallForecastService only.
 */
@Module({
  imports: [ClusterModule],
  providers: [ForecastHistoryRepository, ForecastRefreshScheduler, HallForecastRegistry, HallForecastService],
  exports: [HallForecastService],
})
export class ForecastModule {}
