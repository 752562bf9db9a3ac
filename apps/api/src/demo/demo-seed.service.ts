import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HallAdminService, HallEntity } from '@hallq/queue';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { DEMO_CATEGORIES, DEMO_HALL, DEMO_WINDOWS } from './demo-hall';

/** Seeds the demo hall into an empty database, so a fresh `npm start` shows a working hall. */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly admin: HallAdminService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemo) return;
    if ((await this.dataSource.manager.count(HallEntity)) > 0) return;
    const hall = await this.seed();
    this.logger.log(`Seeded the demo hall "${hall.name}" (${hall.id})`);
  }

  async seed() {
    const hall = await this.admin.createHall({ ...DEMO_HALL, timeZone: this.config.defaultTimeZone });
    for (const c of DEMO_CATEGORIES) await this.admin.createCategory(hall.id, c);
    for (const w of DEMO_WINDOWS) await this.admin.createWindow(hall.id, w);
    return hall;
  }
}
