import { Logger } from '@nestjs/common';
import {
  Ack, ConnectedSocket, MessageBody, OnGatewayConnection, OnGatewayInit, SubscribeMessage, WebSocketGateway,
} from '@nestjs/websockets';
import { QueueError } from '@hallq/queue';
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
@WebSocketGateway({ namespace: '/live', cors: { origin: true }, maxHttpBufferSize: 16 * 1024 })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger(LiveGateway.name);

  constructor(
    private readonly feed: HallFeedService,
    private readonly sockets: LiveSocketRepository,
    private readonly managers: ManagerFeedService,
  ) {}

  afterInit(ns: LiveNamespace): void {
    this.sockets.attach(ns);
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
    if (socket.rooms.size - 1 >= MAX_ROOMS) return this.refuse(socket, reply, { error: `at most ${MAX_ROOMS} subscriptions per connection`, code: 'INVALID_INPUT' }, payload);
    const target = parsed.target;
    try {
      // Look up first (unknown ids join nothing), join, then take the snapshot: an event between the
      // join and the snapshot reaches the client as `called` and is in the snapshot or the next one.
      if (target.kind === 'hall') {
        await this.feed.hallSnapshot(target.id);
        await socket.join(roomOf.hall(target.id));
        const snap = await this.feed.hallSnapshot(target.id);
        reply({ ok: true });
        socket.emit('snapshot', snap);
      } else if (target.kind === 'manager') {
        // Same order: an alert change after the join arrives as `alert` and is at most repeated by the list.
        await this.managers.openAlerts(target.id);
        await socket.join(roomOf.manager(target.id));
        const list = await this.managers.openAlerts(target.id);
        reply({ ok: true });
        socket.emit('alerts', list);
      } else if (target.kind === 'window') {
        const first = await this.feed.windowSnapshot(target.id);
        await socket.join(roomOf.window(target.id));
        this.feed.watchWindow(first.hallId, target.id);
        const snap = await this.feed.windowSnapshot(target.id);
        reply({ ok: true });
        socket.emit('snapshot', snap);
      } else {
        const first = await this.feed.ticketSnapshot(target.token);
        await socket.join(roomOf.ticket(target.token));
        this.feed.watchTicket(first, target.token); // from here on its `called` reaches this room
        const snap = await this.feed.ticketSnapshot(target.token);
        this.feed.watchTicket(snap, target.token);
        reply({ ok: true });
        socket.emit('snapshot', snap);
      }
    } catch (e) {
      if (e instanceof QueueError) return this.refuse(socket, reply, { error: e.message, code: e.code }, payload);
      this.logger.error(`subscribe failed: ${(e as Error).stack ?? e}`);
      this.refuse(socket, reply, { error: 'internal error; retry in a moment', code: 'INTERNAL' }, payload);
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

  private refuse(socket: LiveSocket, reply: (r: SubscribeAck) => void, e: { error: string; code: string }, request: unknown): void {
    reply({ ok: false, ...e });
    // Also as an event, for clients that sent no acknowledgement callback. The request is echoed only
    // when small, so a client cannot make the server send back a large payload.
    socket.emit('error', { ...e, request: JSON.stringify(request ?? null)?.length <= 200 ? request : undefined });
  }
}
