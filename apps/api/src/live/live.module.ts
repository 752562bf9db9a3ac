import { Module } from '@nestjs/common';
import { WaitService } from '../waits/wait.service';
import { HallFeedService } from './hall-feed.service';
import { LiveSocketRepository } from './live-socket.repository';
import { LiveGateway } from './live.gateway';

/**
 * The live hall over socket.io (namespace /live). WaitService is stateless today, so this module holds
 * its own instance; when libs/forecast makes it stateful it should come from one shared waits module.
 */
@Module({
  providers: [LiveGateway, HallFeedService, LiveSocketRepository, WaitService],
})
export class LiveModule {}
