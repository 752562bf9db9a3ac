import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';

/** socket.io with the same CORS origins as the REST api (HALLQ_CORS_ORIGINS); none = same origin only. */
export class ConfiguredIoAdapter extends IoAdapter {
  constructor(app: INestApplicationContext, private readonly corsOrigins: string[]) {
    super(app);
  }

  override createIOServer(port: number, options?: Parameters<IoAdapter['createIOServer']>[1]) {
    if (!this.corsOrigins.length) return super.createIOServer(port, options);
    return super.createIOServer(port, { ...options, cors: { origin: this.corsOrigins } } as Parameters<IoAdapter['createIOServer']>[1]);
  }
}
