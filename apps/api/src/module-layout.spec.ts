import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { GLOBAL_MODULE_METADATA } from '@nestjs/common/constants';

// Issue 16 item 7: a module imports what it reads. Global providers hide who depends on whom, so only
// the three that nearly everything reads are global.
const ALLOWED_GLOBAL = ['common/config/config.module.ts', 'database/database.module.ts', 'queue/queue.module.ts'];

function moduleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? moduleFiles(join(dir, e.name)) : e.name.endsWith('.module.ts') ? [join(dir, e.name)] : [],
  );
}

describe('apps/api module layout', () => {
  it('has only config, database and queue as global modules', async () => {
    const globals: string[] = [];
    const files = moduleFiles(__dirname);
    for (const file of files) {
      const exported = (await import(file)) as Record<string, unknown>;
      for (const value of Object.values(exported)) {
        if (typeof value === 'function' && Reflect.getMetadata(GLOBAL_MODULE_METADATA, value)) {
          globals.push(relative(__dirname, file));
        }
      }
    }
    expect(files.length).toBeGreaterThan(15);
    expect(globals.sort()).toEqual(ALLOWED_GLOBAL);
  });
});
