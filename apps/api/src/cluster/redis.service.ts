import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Subject, type Observable } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';

/** Commands never wait longer than this: a slow Redis must not hold up calls and screens. */
const COMMAND_TIMEOUT_MS = 500;
/** At start, wait this long for Redis before serving without it (it is then picked up when it comes). */
const STARTUP_WAIT_MS = 3000;

/** Next seq of a hall: INCR, but never below what this instance already knows (heals a flushed Redis). */
const NEXT_SEQ = `local v = redis.call('INCR', KEYS[1])
local floor = tonumber(ARGV[1])
if v < floor then redis.call('SET', KEYS[1], floor) v = floor end
return v`;

/**
 * The Redis connections of this api instance, when REDIS_URL is set (null clients otherwise):
 * `commands` (INCR, PUBLISH; fails at once while Redis is down rather than queueing stale messages),
 * `events` (this instance's subscription to the hall event bus) and `adapterSub` (socket.io's adapter).
 * Tracks whether Redis answers, and says so in the log once per outage, not once per retry.
 */
@Injectable()
export class RedisService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Redis');
  /** Names this process in the cluster (locks, the event bus), unique across restarts. */
  readonly instanceId = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  readonly prefix: string;
  readonly enabled: boolean;
  readonly commands: Redis | null = null;
  readonly events: Redis | null = null;
  readonly adapterSub: Redis | null = null;
  private readonly back = new Subject<void>();
  /** Fires when Redis answers again after an outage (not at the first connection). */
  readonly reconnected: Observable<void> = this.back.asObservable();
  private up = false;
  private outageSince: number | null = null;
  private lastError = 'not connected yet';

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.enabled = !!config.redis;
    this.prefix = config.redis?.prefix ?? 'hallq';
    if (!config.redis) return;
    const base: RedisOptions = {
      connectionName: `hallq:${this.instanceId}`,
      retryStrategy: (times) => Math.min(200 * times, 2000),
      // Redis may be down at start: the instance starts anyway and connects when it can.
      lazyConnect: false,
    };
    this.commands = new Redis(config.redis.url, { ...base, enableOfflineQueue: false, commandTimeout: COMMAND_TIMEOUT_MS, maxRetriesPerRequest: 0 });
    // Subscribers queue their SUBSCRIBE until connected and subscribe again after every reconnect.
    this.events = new Redis(config.redis.url, { ...base, maxRetriesPerRequest: null });
    this.adapterSub = new Redis(config.redis.url, { ...base, maxRetriesPerRequest: null });
    this.commands.on('ready', () => this.markUp());
    this.commands.on('error', (e: Error) => this.markDown(e.message));
    this.commands.on('close', () => this.markDown('connection closed'));
    // The subscribers' own errors are the same outage; the commands connection reports it once.
    this.events.on('error', () => undefined);
    this.adapterSub.on('error', () => undefined);
  }

  async onModuleInit(): Promise<void> {
    if (!this.commands || this.up) return;
    const ready = await new Promise<boolean>((resolve) => {
      const t = setTimeout(() => resolve(false), STARTUP_WAIT_MS);
      this.commands!.once('ready', () => {
        clearTimeout(t);
        resolve(true);
      });
    });
    if (!ready) this.markDown(this.lastError);
  }

  async onModuleDestroy(): Promise<void> {
    for (const c of [this.commands, this.events, this.adapterSub]) c?.disconnect();
  }

  /** True when Redis is configured and answering. */
  get available(): boolean {
    return this.up;
  }

  key(...parts: string[]): string {
    return [this.prefix, ...parts].join(':');
  }

  /** PING within the command timeout; for /health/ready. */
  async ping(): Promise<{ up: true; ms: number } | { up: false; message: string; since: number | null }> {
    const started = Date.now();
    try {
      if (!this.commands) throw new Error('not configured');
      await this.commands.ping();
      return { up: true, ms: Date.now() - started };
    } catch (e) {
      return { up: false, message: this.up ? (e as Error).message : this.lastError, since: this.outageSince };
    }
  }

  /** The hall's next seq from the shared counter, at least `floor`. Rejects when Redis is down. */
  async nextSeq(hallId: string, floor: number): Promise<number> {
    if (!this.commands || !this.up) throw new Error('Redis unavailable');
    return Number(await this.commands.eval(NEXT_SEQ, 1, this.key('seq', hallId), floor));
  }

  /** PUBLISH, dropping the message (not queueing it) while Redis is down. */
  async publish(channel: string, message: string): Promise<boolean> {
    if (!this.commands || !this.up) return false;
    try {
      await this.commands.publish(channel, message);
      return true;
    } catch {
      return false;
    }
  }

  private markUp(): void {
    if (this.up) return;
    this.up = true;
    if (this.outageSince !== null) {
      this.logger.log(`Redis reachable again after ${Math.round((Date.now() - this.outageSince) / 1000)} s: broadcasts reach every instance again`);
      this.outageSince = null;
      this.back.next();
    } else {
      this.logger.log('Redis connected: broadcasts and the hall event bus span every instance');
    }
  }

  private markDown(reason: string): void {
    this.lastError = reason;
    if (!this.up && this.outageSince !== null) return;
    this.up = false;
    this.outageSince = Date.now();
    this.logger.warn(
      `Redis unreachable (${reason}): this instance keeps serving its own clients; `
        + 'calls made on other instances do not reach them until Redis returns',
    );
  }
}
