import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AuthConfig } from '../common/config/app-config';
import { SettingEntity } from './entities/setting.entity';

const KEY = 'auth.signingSecret';

/**
 * The secret staff tokens are signed with. Production configures it (HALLQ_AUTH_SECRET, the same on
 * every instance); a demo or test install makes a random one once and keeps it in the database, so
 * restarts and other instances on the same database accept the same tokens.
 */
export async function loadSigningSecret(config: AuthConfig, ds: DataSource): Promise<string> {
  if (config.secret) return config.secret;
  const repo = ds.getRepository(SettingEntity);
  const existing = await repo.findOneBy({ key: KEY });
  if (existing) return existing.value;
  // Two instances starting together: one insert wins, both read the winner's value.
  await repo.createQueryBuilder().insert().orIgnore().values({ key: KEY, value: randomBytes(48).toString('base64url') }).execute();
  return (await repo.findOneByOrFail({ key: KEY })).value;
}
