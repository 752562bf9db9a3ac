import { Logger, UseFilters } from '@nestjs/common';
import type { LiveRefusal } from '@hallq/contracts';
import {
  Ack, ConnectedSocket, MessageBody, OnGatewayConnection, OnGatewayInit, SubscribeMessage, WebSocketGateway,
} from '@nestjs/websockets';
import { HttpException } from '@nestjs/common';
import { decideAccess, type AccessLevel, type AccessScope } from '../auth/access-policy';
import { AccountsService } from '../auth/accounts.service';
import { CredentialsService } from '../auth/credentials.service';
import { DevicesService } from '../auth/devices.service';
import type { Principal } from '../auth/principal';
import { MetricsService } from '../metrics/metrics.service';
import { echo, LiveExceptionFilter, liveRefusalLogged } from '../common/errors/live-exception.filter';
import { parseSubscribe } from './dto/subscribe.dto';
import { FloodGuard } from './flood-guard';
import { HallFeedService } from './hall-feed.service';
import { ManagerFeedService } from './manager-feed.service';
import { LiveSocketRepository, roomOf, type LiveNamespace, type LiveSocket, type SubscribeAck } from './live-socket.repository';

/** Messages a socket may send: a burst of 20, then 5 a second. Screens send one per (re)connect. */
const FLOOD_BURST = 20;
const FLOOD_PER_SECOND = 5;
/** A socket watches at most this many rooms (a counter: its hall and its window, with margin). */
const MAX_ROOMS = 8;

/**
 * /live: screens, counters and phones subscribe here (protocol in docs/live.md). Handlers only parse,
 * join and answer; what is sent and when is HallFeedService's business.
 */
// CORS for /live comes from configuration (HallqIoAdapter), like the REST api's.
@WebSocketGateway({ namespace: '/live', maxHttpBufferSize: 16 * 1024 })
@UseFilters(LiveExceptionFilter)
export class LiveGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger(LiveGateway.name);

  constructor(
    private readonly feed: HallFeedService,
    private readonly sockets: LiveSocketRepository,
    private readonly credentials: CredentialsService,
    devices: DevicesService,
    accounts: AccountsService,
    private readonly metrics: MetricsService,
    private readonly managers: ManagerFeedService,
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
    const parsed = parseSubscribe(payload);
    if (!parsed.ok) return this.refuse(socket, reply, { error: parsed.error, code: 'INVALID_INPUT' }, payload);
    if (subscriptions(socket) >= MAX_ROOMS) {
      return this.refuse(socket, reply, { error: `at most ${MAX_ROOMS} subscriptions per connection`, code: 'INVALID_INPUT' }, payload);
    }
    const target = parsed.target;
    try {
      // Who is asking: the token given at connect (socket.io `auth: { token }`), checked on every
      // subscribe, so a revoked or signed-out token stops at the next (re)connect.
      let who: Principal | null;
      try {
        who = await this.credentials.resolve(liveToken(socket));
      } catch (e) {
        return this.refuse(socket, reply, { error: authMessage(e), code: 'TOKEN_INVALID' }, payload);
      }
      const refusal = (level: AccessLevel, scope: AccessScope) => {
        const d = decideAccess(level, who, scope);
        if (d === 'allow') return null;
        return d === 'unauthenticated'
          ? { error: 'Sign in first: connect with auth: { token } (a staff sign-in or the device token of this screen).', code: 'UNAUTHENTICATED' }
          : { error: level === 'window-clerk' ? 'This token may not watch this window.' : level === 'hall-manager' ? "Only this hall's managers get its alerts." : 'This token may not watch this hall.', code: 'FORBIDDEN' };
      };
      if (who?.kind === 'device') await socket.join(roomOf.device(who.deviceId));
      if (who?.kind === 'staff') await socket.join([roomOf.session(who.sessionId), roomOf.account(who.accountId)]);
      socket.data.role = who ? (who.kind === 'device' ? who.device : who.role) : 'citizen';
      // Look up first (unknown ids join nothing), join, then take the snapshot read after the join: an
      // event between the join and the snapshot reaches the client as `called` and is in the snapshot or
      // the next one, and whatever committed before the join (on any instance) is in it.
      if (target.kind === 'hall') {
        await this.feed.hallSnapshot(target.id); // unknown hall: HALL_NOT_FOUND (hall ids are public)
        const no = refusal('hall-viewer', { hallId: target.id });
        if (no) return this.refuse(socket, reply, no, payload);
        await socket.join(roomOf.hall(target.id));
        const snap = await this.feed.hallSnapshot(target.id, true);
        reply({ ok: true });
        socket.emit('snapshot', snap);
      } else if (target.kind === 'manager') {
        // Same order: an alert change after the join arrives as `alert` and is at most repeated by the list.
        await this.managers.openAlerts(target.id); // unknown hall: HALL_NOT_FOUND
        const no = refusal('hall-manager', { hallId: target.id });
        if (no) return this.refuse(socket, reply, no, payload);
        await socket.join(roomOf.manager(target.id));
        const list = await this.managers.openAlerts(target.id);
        reply({ ok: true });
        socket.emit('alerts', list);
      } else if (target.kind === 'window') {
        const first = await this.feed.windowSnapshot(target.id);
        const no = refusal('window-clerk', { hallId: first.hallId, windowId: target.id });
        if (no) return this.refuse(socket, reply, no, payload);
        await socket.join(roomOf.window(target.id));
        this.feed.watchWindow(first.hallId, target.id);
        const snap = await this.feed.windowSnapshot(target.id, true);
        reply({ ok: true });
        socket.emit('snapshot', snap);
      } else {
        const first = await this.feed.ticketSnapshot(target.token);
        await socket.join(roomOf.ticket(target.token));
        this.feed.watchTicket(first, target.token); // from here on its `called` reaches this room
        const snap = await this.feed.ticketSnapshot(target.token, true);
        this.feed.watchTicket(snap, target.token);
        reply({ ok: true });
        socket.emit('snapshot', snap);
      }
    } catch (e) {
      this.refuse(socket, reply, liveRefusalLogged(e, this.logger), payload);
    }
  }

  @SubscribeMessage('unsubscribe')
  async unsubscribe(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown, @Ack() ack?: (r: SubscribeAck) => void): Promise<void> {
    const reply = typeof ack === 'function' ? ack : () => undefined;
    const parsed = parseSubscribe(payload);
    if (!parsed.ok) return this.refuse(socket, reply, { error: parsed.error, code: 'INVALID_INPUT' }, payload);
    const t = parsed.target;
    await socket.leave(t.kind === 'ticket' ? roomOf.ticket(t.token) : roomOf[t.kind](t.id));
    reply({ ok: true });
  }

  private refuse(socket: LiveSocket, reply: (r: SubscribeAck) => void, e: Omit<LiveRefusal, 'ok'>, request: unknown): void {
    reply({ ok: false, ...e });
    // Also as an event, for clients that sent no acknowledgement callback. The request is echoed only
    // when small, so a client cannot make the server send back a large payload.
    socket.emit('error', { ...e, request: echo(request) });
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
