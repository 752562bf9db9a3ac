import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { HallFeedService } from './hall-feed.service';
import { LiveSocketRepository } from './live-socket.repository';
import { LiveGateway } from './live.gateway';
import { ManagerFeedService } from './manager-feed.service';

/** The live hall over socket.io (namespace /live): protocol in docs/live.md. */
@Module({
  imports: [AlertsModule],
  providers: [LiveGateway, HallFeedService, ManagerFeedService, LiveSocketRepository],
})
export class LiveModule {}
