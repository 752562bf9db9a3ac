import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SettingEntity } from './entities/setting.entity';

/** Installation-wide values (hallq_setting), shared by every instance on the database. */
@Injectable()
export class SettingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async valueOf(key: string): Promise<string | null> {
    return (await this.settings.findOneBy({ key }))?.value ?? null;
  }

  /** Stores the value unless the key has one: when instances race, the first insert wins. */
  async insertIfAbsent(key: string, value: string): Promise<void> {
    await this.settings.createQueryBuilder().insert().orIgnore().values({ key, value }).execute();
  }

  /** The value of a key that is known to be set. */
  async requireValue(key: string): Promise<string> {
    return (await this.settings.findOneByOrFail({ key })).value;
  }

  private get settings() {
    return this.dataSource.getRepository(SettingEntity);
  }
}
