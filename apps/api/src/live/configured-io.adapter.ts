import type { IncomingMessage } from 'node:http';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { capConnectionsPerAddress, type IoServerLike } from './connection-cap';

/**
 * socket.io with the same CORS origins as the REST api (HALLQ_CORS_ORIGINS; none = same origin only),
 * and at most HALLQ_LIVE_MAX_PER_ADDRESS connections per client address on this instance.
 */
export class ConfiguredIoAdapter extends IoAdapter {
  constructor(private readonly nestApp: INestApplicationContext, private readonly corsOrigins: string[]) {
    super(nestApp);
  }

  override createIOServer(port: number, options?: Parameters<IoAdapter['createIOServer']>[1]) {
    const server = this.corsOrigins.length
      ? super.createIOServer(port, { ...options, cors: { origin: this.corsOrigins } } as Parameters<IoAdapter['createIOServer']>[1])
      : super.createIOServer(port, options);
    const config = this.nestApp.get<AppConfig>(APP_CONFIG);
    capConnectionsPerAddress(server as IoServerLike, config.edge.liveMaxPerAddress, clientAddress(this.nestApp));
    return server;
  }
}

/**
 * The client's address as Express sees it (req.ip): behind a trusted proxy (HALLQ_TRUST_PROXY) the
 * forwarded one, so the cap counts citizens and screens, not the load balancer. Read through Express's
 * own request prototype, so the trust rule is exactly the one the REST rate limits use.
 */
function clientAddress(app: INestApplicationContext): (req: IncomingMessage) => string {
  const express = (app as INestApplication).getHttpAdapter().getInstance() as { request: object };
  return (req) => {
    const view = Object.create(express.request, {
      headers: { value: req.headers },
      socket: { value: req.socket },
      connection: { value: req.socket },
    }) as { ip?: string };
    return view.ip ?? req.socket.remoteAddress ?? 'unknown';
  };
}
