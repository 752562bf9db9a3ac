import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import { ConfiguredIoAdapter } from '../live/configured-io.adapter';
import { RedisService } from './redis.service';

/**
 * socket.io with the Redis adapter: an emit to a room reaches that room's sockets on every instance.
 * The adapter publishes without waiting; while Redis is down a publish fails at once (the connection
 * keeps no offline queue, so no stale call is replayed later) and is dropped here instead of becoming
 * an unhandled rejection. Local sockets get every emit either way.
 */
export class RedisIoAdapter extends ConfiguredIoAdapter {
  constructor(
    app: INestApplicationContext,
    corsOrigins: string[],
    private readonly redis: RedisService,
  ) {
    super(app, corsOrigins);
  }

  // Typed from IoAdapter, not from socket.io: @nestjs/platform-socket.io carries its own copy of it.
  override createIOServer(port: number, options?: Parameters<IoAdapter['createIOServer']>[1]): ReturnType<IoAdapter['createIOServer']> {
    const server = super.createIOServer(port, options) as ReturnType<IoAdapter['createIOServer']>;
    const commands = this.redis.commands!;
    const pub = new Proxy(commands, {
      get(target, prop) {
        if (prop === 'publish') {
          return (channel: string, message: string | Buffer) =>
            (target.status === 'ready' ? target.publish(channel, message).catch(() => 0) : Promise.resolve(0));
        }
        const v = Reflect.get(target, prop, target) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    }) as Redis;
    server.adapter(createAdapter(pub, this.redis.adapterSub!, { key: this.redis.key('sio') }));
    return server;
  }
}

/** The socket.io adapter for this app: Redis when configured, socket.io's in-memory one otherwise; CORS from configuration either way. */
export function liveIoAdapter(app: INestApplicationContext, corsOrigins: string[]): IoAdapter {
  const redis = app.get(RedisService, { strict: false });
  return redis.enabled ? new RedisIoAdapter(app, corsOrigins, redis) : new ConfiguredIoAdapter(app, corsOrigins);
}
