import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap';
import { ConfigError, loadConfig } from './common/config/app-config';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const where = config.database.type === 'mysql' ? 'MySQL' : `SQLite ${config.database.file}`;
  Logger.log(`hallq listening on http://localhost:${config.port} (database: ${where}); API docs at /api/docs`, 'Main');
}

void main();
