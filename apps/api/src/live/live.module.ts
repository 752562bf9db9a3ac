import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { HallFeedService } from './hall-feed.service';
import { LiveSocketRepository } from './live-socket.repository';
import { LiveGateway } from './live.gateway';
import { ManagerFeedService } from './manager-feed.service';
import { AuthModule } from '../auth/auth.module';
import { ClusterModule } from '../cluster/cluster.module';
import { MetricsModule } from '../metrics/metrics.module';
import { WaitsModule } from '../waits/waits.module';

/** The live hall over socket.io (namespace /live): protocol in docs/live.md. */
@Module({
  imports: [AlertsModule, AuthModule, ClusterModule, MetricsModule, WaitsModule],
  providers: [LiveGateway, HallFeedService, ManagerFeedService, LiveSocketRepository],
})
export class LiveModule {}
