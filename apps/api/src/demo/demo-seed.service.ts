import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HallAdminService } from '@hallq/queue';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { AccountsService } from '../auth/accounts.service';
import { DevicesService } from '../auth/devices.service';
import { StaffAccountsRepository } from '../auth/staff-accounts.repository';
import { DEMO_ACCOUNTS, DEMO_CATEGORIES, DEMO_DEVICES, DEMO_HALL, DEMO_WINDOWS } from './demo-hall';
import { DemoSeedRepository } from './demo-seed.repository';

/** Seeds the demo hall into an empty database, so a fresh `npm start` shows a working hall. */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DemoSeedRepository,
    private readonly admin: HallAdminService,
    private readonly accounts: AccountsService,
    private readonly staff: StaffAccountsRepository,
    private readonly devices: DevicesService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemo) return;
    if (await this.db.anyHallExists()) return;
    const hall = await this.seed();
    this.logger.log(`Seeded the demo hall "${hall.name}" (${hall.id})`);
    // Never in production, even with the demo hall switched on (benchmarks do that): no known passwords there.
    if (!this.config.production) await this.seedSignIns(hall.id);
  }

  /** Demo accounts and device tokens (fixed, printed: this is a demo, and production never seeds). */
  private async seedSignIns(hallId: string): Promise<void> {
    const windows = await this.admin.listWindows(hallId);
    const lines: string[] = [];
    for (const a of DEMO_ACCOUNTS) {
      if (await this.staff.usernameTaken(a.username)) continue;
      // A configured first admin (HALLQ_ADMIN_PASSWORD) replaces the demo admin.
      if (a.role === 'admin' && (await this.staff.adminExists())) continue;
      const labels: string[] = 'windows' in a && a.windows ? a.windows : [];
      const windowIds = windows.filter((w) => labels.includes(w.label)).map((w) => w.id);
      // Each role gets the scope it has: a manager the hall, a clerk its windows, an admin everything.
      const scope = a.role === 'manager' ? { hallIds: [hallId] } : a.role === 'clerk' ? { windowIds } : {};
      await this.accounts.create({ username: a.username, password: a.password, role: a.role, displayName: a.displayName, ...scope });
      lines.push(`  ${a.role.padEnd(8)} ${a.username} / ${a.password}`);
    }
    for (const d of DEMO_DEVICES) await this.devices.ensureDemoDevice(hallId, d.kind, d.label, d.token);
    const base = `http://localhost:${this.config.port}`;
    this.logger.log([
      'Demo sign-ins (demo only; production creates none):',
      ...lines,
      `  hall screen: ${base}/screen/${hallId}?device=${DEMO_DEVICES[0].token}`,
      `  kiosk:       ${base}/kiosk/${hallId}?device=${DEMO_DEVICES[1].token}`,
      `  manager:     ${base}/manager/${hallId}   counter: ${base}/counter/${hallId}/${windows[0]?.id}`,
    ].join('\n'));
  }

  async seed() {
    const hall = await this.admin.createHall({ ...DEMO_HALL, timeZone: this.config.defaultTimeZone });
    for (const c of DEMO_CATEGORIES) await this.admin.createCategory(hall.id, c);
    for (const w of DEMO_WINDOWS) await this.admin.createWindow(hall.id, w);
    return hall;
  }
}
