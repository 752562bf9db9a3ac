import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { AccountsService } from './accounts.service';

/** Creates the configured first admin (HALLQ_ADMIN_PASSWORD) when the database has no admin. */
@Injectable()
export class AuthBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthBootstrapService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: AccountsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { adminUser, adminPassword } = this.config.auth;
    if (!adminPassword) return;
    if (await this.accounts.ensureAdmin(adminUser, adminPassword)) this.logger.log(`Created the first admin account "${adminUser}"`);
  }
}
