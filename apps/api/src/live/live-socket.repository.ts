import { Injectable } from '@nestjs/common';
import type { Namespace, Socket } from 'socket.io';
import type { AlertChange, AlertView } from '../alerts/alerts.service';
import type { CalledEvent, HallSnapshot, TicketSnapshot, WindowSnapshot } from './live-views';

/** Server-to-client events of the /live namespace (docs/live.md). */
export interface LiveServerEvents {
  snapshot: (s: HallSnapshot | WindowSnapshot | TicketSnapshot) => void;
  called: (e: CalledEvent) => void;
  /** Manager subscribers: the hall's open alerts, on subscribe. */
  alerts: (s: { hallId: string; at: number; alerts: AlertView[] }) => void;
  /** Manager subscribers: one alert raised, escalated, cleared or acknowledged. */
  alert: (e: AlertChange & { hallId: string }) => void;
  error: (e: { error: string; code?: string; request?: unknown }) => void;
}

export interface LiveClientEvents {
  subscribe: (payload: unknown, ack?: (r: SubscribeAck) => void) => void;
  unsubscribe: (payload: unknown, ack?: (r: SubscribeAck) => void) => void;
}

export type SubscribeAck = { ok: true } | { ok: false; error: string; code?: string };
export type LiveNamespace = Namespace<LiveClientEvents, LiveServerEvents>;
export type LiveSocket = Socket<LiveClientEvents, LiveServerEvents>;

export const roomOf = {
  hall: (id: string) => `hall:${id}`,
  window: (id: string) => `window:${id}`,
  ticket: (token: string) => `ticket:${token}`,
  manager: (hallId: string) => `manager:${hallId}`,
};

/**
 * The one place that touches socket.io, so the feed service tests and reads without a server. Rooms live
 * in this process's adapter: with several api instances the Redis adapter (a later issue) makes `to(room)`
 * reach every instance, and `hasMembers` would then have to ask the adapter across instances.
 */
@Injectable()
export class LiveSocketRepository {
  private ns: LiveNamespace | null = null;

  attach(ns: LiveNamespace): void {
    this.ns = ns;
  }

  emitSnapshot(room: string, s: HallSnapshot | WindowSnapshot | TicketSnapshot): void {
    this.ns?.to(room).emit('snapshot', s);
  }

  emitCalled(rooms: string[], e: CalledEvent): void {
    // One emit to the union of rooms: a socket in two of them gets the event once.
    if (rooms.length) this.ns?.to(rooms).emit('called', e);
  }

  emitAlert(hallId: string, e: AlertChange): void {
    this.ns?.to(roomOf.manager(hallId)).emit('alert', { hallId, ...e });
  }

  hasMembers(room: string): boolean {
    return (this.ns?.adapter.rooms.get(room)?.size ?? 0) > 0;
  }

  roomSize(room: string): number {
    return this.ns?.adapter.rooms.get(room)?.size ?? 0;
  }
}
