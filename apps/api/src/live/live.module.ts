import { Module } from '@nestjs/common';
import { HallFeedService } from './hall-feed.service';
import { LiveSocketRepository } from './live-socket.repository';
import { LiveGateway } from './live.gateway';

/** The live hall over socket.io (namespace /live): protocol in docs/live.md. */
@Module({
  providers: [LiveGateway, HallFeedService, LiveSocketRepository],
})
export class LiveModule {}
