import { Module } from '@nestjs/common';
import { RatingsController } from './ratings.controller';
import { RatingsRepository } from './ratings.repository';
import { RatingsService } from './ratings.service';

/** 好差评: ratings of finished tickets. QueueModule (global) gives the transaction runner and the clock. */
@Module({ controllers: [RatingsController], providers: [RatingsService, RatingsRepository] })
export class RatingsModule {}
