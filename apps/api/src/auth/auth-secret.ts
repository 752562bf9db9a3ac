import { randomBytes } from 'node:crypto';
import type { AuthConfig } from '../common/config/app-config';
import type { SettingsRepository } from './settings.repository';

const KEY = 'auth.signingSecret';

/**
 * The secret staff tokens are signed with. Production configures it (HALLQ_AUTH_SECRET, the same on
 * every instance); a demo or test install makes a random one once and keeps it in the database, so
 * restarts and other instances on the same database accept the same tokens.
 */
export async function loadSigningSecret(config: AuthConfig, settings: SettingsRepository): Promise<string> {
  if (config.secret) return config.secret;
  const existing = await settings.valueOf(KEY);
  if (existing !== null) return existing;
  // Two instances starting together: one insert wins, both read the winner's value.
  await settings.insertIfAbsent(KEY, randomBytes(48).toString('base64url'));
  return settings.requireValue(KEY);
}
