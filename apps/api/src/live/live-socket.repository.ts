import { Injectable } from '@nestjs/common';
import type { Namespace, Socket } from 'socket.io';
import type { LiveClientEvents, LiveServerEvents, SubscribeAck } from '@hallq/contracts';
import type { AlertChange } from '../alerts/alerts.service';
import { RedisService } from '../cluster/redis.service';
import type { CalledEvent, HallSnapshot, TicketSnapshot, WindowSnapshot } from './live-views';

/** The /live event maps and the subscribe answer: the wire contract's (libs/contracts/src/live.ts). */
export type { LiveClientEvents, LiveServerEvents, SubscribeAck };
/** What the gateway keeps on a socket: the role of whoever subscribed on it (for the metrics). */
export interface LiveSocketData {
  role?: string;
}
export type LiveNamespace = Namespace<LiveClientEvents, LiveServerEvents, Record<string, never>, LiveSocketData>;
export type LiveSocket = Socket<LiveClientEvents, LiveServerEvents, Record<string, never>, LiveSocketData>;

export const roomOf = {
  hall: (id: string) => `hall:${id}`,
  window: (id: string) => `window:${id}`,
  ticket: (token: string) => `ticket:${token}`,
  /** Every connection of one kiosk or screen, so revoking it can close them. */
  device: (id: string) => `device:${id}`,
  /** Every connection made with one staff sign-in, so signing out closes them. */
  session: (id: string) => `session:${id}`,
  /** Every connection of one staff account, so a new password or disabling it closes them. */
  account: (id: string) => `account:${id}`,
  manager: (hallId: string) => `manager:${hallId}`,
};

/**
 * The one place that touches socket.io, so the feed service tests and reads without a server. With
 * REDIS_URL, socket.io's Redis adapter makes `to(room)` reach the room's sockets on every instance:
 * `called` goes that way, once, from the instance that committed the call. Snapshots go to this
 * instance's sockets only (`local`), because every instance computes them for its own sockets; so
 * `hasMembers` asks only this instance's rooms, which is what it needs.
 */
@Injectable()
export class LiveSocketRepository {
  private ns: LiveNamespace | null = null;

  constructor(private readonly redis: RedisService) {}

  attach(ns: LiveNamespace): void {
    this.ns = ns;
  }

  emitSnapshot(room: string, s: HallSnapshot | WindowSnapshot | TicketSnapshot): void {
    this.ns?.local.to(room).emit('snapshot', s);
  }

  emitCalled(rooms: string[], e: CalledEvent): void {
    // One emit to the union of rooms: a socket in two of them gets the event once.
    if (this.heard(rooms)) this.ns?.to(rooms).emit('called', e);
  }

  disconnectRoom(room: string): void {
    this.ns?.in(room).disconnectSockets(true);
  }

  /** Clients connected to this instance, by the role they subscribed as. */
  countByRole(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const s of this.ns?.sockets.values() ?? []) counts.set(s.data.role ?? 'unsubscribed', (counts.get(s.data.role ?? 'unsubscribed') ?? 0) + 1);
    return counts;
  }

  emitAlert(hallId: string, e: AlertChange): void {
    const room = roomOf.manager(hallId);
    if (this.heard([room])) this.ns?.to(room).emit('alert', { hallId, ...e });
  }

  /**
   * Whether an emit to these rooms can reach a socket: socket.io encodes each packet before it looks for
   * listeners (a long line's 1,600 alerts for an empty manager room held the event loop ~80 ms). With
   * Redis, sockets of other instances may be in them; alone, only this instance's rooms count.
   */
  private heard(rooms: string[]): boolean {
    return rooms.length > 0 && (this.redis.enabled || rooms.some((r) => this.hasMembers(r)));
  }

  hasMembers(room: string): boolean {
    return (this.ns?.adapter.rooms.get(room)?.size ?? 0) > 0;
  }

  roomSize(room: string): number {
    return this.ns?.adapter.rooms.get(room)?.size ?? 0;
  }
}
