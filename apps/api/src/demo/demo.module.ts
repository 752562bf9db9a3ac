import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DemoSeedRepository } from './demo-seed.repository';
import { DemoSeedService } from './demo-seed.service';

/** Seeds the demo hall, its accounts and devices into an empty database (config.seedDemo; never in production). */
@Module({ imports: [AuthModule], providers: [DemoSeedService, DemoSeedRepository] })
export class DemoModule {}
