import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DemoSeedService } from './demo-seed.service';

/** Seeds the demo hall, its accounts and devices into an empty database (config.seedDemo; never in production). */
@Module({ imports: [AuthModule], providers: [DemoSeedService] })
export class DemoModule {}
