import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { AuthModule } from '../auth/auth.module';
import { ClusterModule } from '../cluster/cluster.module';
import { MetricsModule } from '../metrics/metrics.module';
import { WaitsModule } from '../waits/waits.module';
import { HallFeedRepository } from './hall-feed.repository';
import { HallFeedService } from './hall-feed.service';
import { HallSnapshotService } from './hall-snapshot.service';
import { LiveSocketRepository } from './live-socket.repository';
import { LiveGateway } from './live.gateway';
import { ManagerFeedService } from './manager-feed.service';
import { SubscriptionTargets } from './subscription-targets';

/**
 * The live hall over socket.io (namespace /live): protocol in docs/live.md. Everything it uses comes from
 * the modules it imports (the queue, the clock and the database are global).
 */
@Module({
  imports: [AlertsModule, AuthModule, ClusterModule, MetricsModule, WaitsModule],
  providers: [LiveGateway, SubscriptionTargets, HallFeedService, HallSnapshotService, HallFeedRepository, ManagerFeedService, LiveSocketRepository],
})
export class LiveModule {}
