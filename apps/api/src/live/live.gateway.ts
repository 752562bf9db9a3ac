import { HttpException, Logger, UseFilters } from '@nestjs/common';
import {
  Ack, ConnectedSocket, MessageBody, OnGatewayConnection, OnGatewayInit, SubscribeMessage, WebSocketGateway,
} from '@nestjs/websockets';
import { AccountsService } from '../auth/accounts.service';
import { CredentialsService } from '../auth/credentials.service';
import { DevicesService } from '../auth/devices.service';
import type { Principal } from '../auth/principal';
import { MetricsService } from '../metrics/metrics.service';
import { echo, LiveExceptionFilter, liveRefusalLogged } from '../common/errors/live-exception.filter';
import { parseSubscribe, type SubscribeTarget } from './dto/subscribe.dto';
import { FloodGuard } from './flood-guard';
import { LiveSocketRepository, roomOf, type LiveNamespace, type LiveSocket, type SubscribeAck } from './live-socket.repository';
import { SubscriptionTargets, type Refusal } from './subscription-targets';

/** Messages a socket may send: a burst of 20, then 5 a second. Screens send one per (re)connect. */
const FLOOD_BURST = 20;
const FLOOD_PER_SECOND = 5;
/** A socket watches at most this many rooms (a counter: its hall and its window, with margin). */
const MAX_ROOMS = 8;

/**
 * /live: screens, counters and phones subscribe here (protocol in docs/live.md). Handlers only parse,
 * identify, join and answer; each kind of target is an entry of SubscriptionTargets, and what is sent
 * later, and when, is HallFeedService's and ManagerFeedService's business.
 */
// CORS for /live comes from configuration (HallqIoAdapter), like the REST api's.
@WebSocketGateway({ namespace: '/live', maxHttpBufferSize: 16 * 1024 })
@UseFilters(LiveExceptionFilter)
export class LiveGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger(LiveGateway.name);

  constructor(
    private readonly targets: SubscriptionTargets,
    private readonly sockets: LiveSocketRepository,
    private readonly credentials: CredentialsService,
    devices: DevicesService,
    accounts: AccountsService,
    private readonly metrics: MetricsService,
  ) {
    // A revoked screen or kiosk, a signed-out sign-in, a disabled account or one with a new password
    // loses its connections at once (on every instance: with REDIS_URL the adapter carries the disconnect).
    devices.revoked$.subscribe((id) => this.sockets.disconnectRoom(roomOf.device(id)));
    accounts.ended$.subscribe((e) => this.sockets.disconnectRoom('sessionId' in e ? roomOf.session(e.sessionId) : roomOf.account(e.accountId)));
  }

  afterInit(ns: LiveNamespace): void {
    this.sockets.attach(ns);
    this.metrics.countLiveClientsWith(() => this.sockets.countByRole());
  }

  handleConnection(socket: LiveSocket): void {
    const guard = new FloodGuard(FLOOD_BURST, FLOOD_PER_SECOND);
    socket.use((_packet, next) => {
      if (guard.take()) return next();
      this.logger.warn(`Disconnecting a flooding client (${socket.handshake.address})`);
      socket.disconnect(true);
    });
  }

  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown, @Ack() ack?: (r: SubscribeAck) => void): Promise<void> {
    const reply = typeof ack === 'function' ? ack : () => undefined;
    try {
      const target = this.parse(payload, socket);
      const who = await this.identify(socket);
      // Look up first (unknown ids join nothing), then decide, join, and read the first message after the
      // join: an event between the join and that read reaches the client and is in it or the next one.
      const found = await this.targets.resolve(target);
      const no = found.refusal(who);
      if (no) throw new Refused(no);
      await socket.join(this.targets.room(target));
      const first = await found.first();
      reply({ ok: true });
      if (first.event === 'snapshot') socket.emit('snapshot', first.body);
      else socket.emit('alerts', first.body);
    } catch (e) {
      this.refuse(socket, reply, e instanceof Refused ? e.refusal : liveRefusalLogged(e, this.logger), payload);
    }
  }

  @SubscribeMessage('unsubscribe')
  async unsubscribe(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown, @Ack() ack?: (r: SubscribeAck) => void): Promise<void> {
    const reply = typeof ack === 'function' ? ack : () => undefined;
    const parsed = parseSubscribe(payload);
    if (!parsed.ok) return this.refuse(socket, reply, { error: parsed.error, code: 'INVALID_INPUT' }, payload);
    await socket.leave(this.targets.room(parsed.target));
    reply({ ok: true });
  }

  /** The payload's target, if the connection may take one more subscription. */
  private parse(payload: unknown, socket: LiveSocket): SubscribeTarget {
    const parsed = parseSubscribe(payload);
    if (!parsed.ok) throw new Refused({ error: parsed.error, code: 'INVALID_INPUT' });
    if (subscriptions(socket) >= MAX_ROOMS) throw new Refused({ error: `at most ${MAX_ROOMS} subscriptions per connection`, code: 'INVALID_INPUT' });
    return parsed.target;
  }

  /**
   * Who is asking: the token given at connect (socket.io `auth: { token }`), checked on every subscribe,
   * so a revoked or signed-out token stops at the next (re)connect. The socket joins the rooms that name
   * who it is (so revoking or signing out closes it) and keeps the role for the metrics.
   */
  private async identify(socket: LiveSocket): Promise<Principal | null> {
    let who: Principal | null;
    try {
      who = await this.credentials.resolve(liveToken(socket));
    } catch (e) {
      throw new Refused({ error: authMessage(e), code: 'TOKEN_INVALID' });
    }
    if (who?.kind === 'device') await socket.join(roomOf.device(who.deviceId));
    if (who?.kind === 'staff') await socket.join([roomOf.session(who.sessionId), roomOf.account(who.accountId)]);
    socket.data.role = who ? (who.kind === 'device' ? who.device : who.role) : 'citizen';
    return who;
  }

  private refuse(socket: LiveSocket, reply: (r: SubscribeAck) => void, e: Refusal, request: unknown): void {
    reply({ ok: false, ...e });
    // Also as an event, for clients that sent no acknowledgement callback. The request is echoed only
    // when small, so a client cannot make the server send back a large payload.
    socket.emit('error', { ...e, request: echo(request) });
  }
}

/** A subscription refused for the client's own reasons (input, token, access): answered, not logged. */
class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.error);
  }
}

/** Rooms the socket subscribed to (not its own room nor the ones naming who it is). */
function subscriptions(socket: LiveSocket): number {
  return [...socket.rooms].filter((r) => r !== socket.id && !/^(device|session|account):/.test(r)).length;
}

function liveToken(socket: LiveSocket): string | undefined {
  const t = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof t === 'string' && t) return t;
  return CredentialsService.bearer(socket.handshake.headers.authorization);
}

function authMessage(e: unknown): string {
  const r = e instanceof HttpException ? e.getResponse() : null;
  return typeof r === 'object' && r && 'message' in r ? String((r as { message: unknown }).message) : 'This token is not valid.';
}
