import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { asyncScheduler, concatMap, exhaustMap, from, groupBy, interval, map, merge, mergeMap, of, throttleTime, type Subscription } from 'rxjs';
import { ClusterEventsService, type SequencedEvent } from '../cluster/cluster-events.service';
import { HallSnapshotService, QUIET_REFRESH_MS, type ComputedHall } from './hall-snapshot.service';
import { LiveSocketRepository, roomOf } from './live-socket.repository';
import { isFinal, windowSnapshot, type CalledEvent, type TicketSnapshot } from './live-views';

/** A hall's snapshot is recomputed at most this often, however fast events come (issue 5: a few a second). */
export const SNAPSHOT_THROTTLE_MS = 250;

interface TicketWatch {
  hallId: string;
  /** The last snapshot sent, as JSON without seq/at, so an unchanged ticket is not sent again. */
  lastBody: string;
  final: boolean;
}

/**
 * Turns the queue's domain events into what /live clients receive, and when: `called` at once for each
 * call or recall, and per hall a snapshot (HallSnapshotService) sent at most every SNAPSHOT_THROTTLE_MS
 * (one rxjs pipeline per hall, shared by all the hall's clients) to the hall's room and to the windows
 * and tickets this process's sockets watch (listed here, to skip work for unwatched ones).
 */
@Injectable()
export class HallFeedService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(HallFeedService.name);
  /** Watched windows and ticket tokens by hall. */
  private readonly windows = new Map<string, Set<string>>();
  private readonly tickets = new Map<string, Set<string>>();
  private readonly ticketWatches = new Map<string, TicketWatch>();
  private subscription: Subscription | null = null;
  private readonly throttleMs = SNAPSHOT_THROTTLE_MS;

  constructor(
    private readonly snapshots: HallSnapshotService,
    private readonly cluster: ClusterEventsService,
    private readonly sockets: LiveSocketRepository,
  ) {}

  /**
   * Follows the cluster's event stream (this instance's changes and, with Redis, the other instances').
   * This runs before the app listens and before the demo seeder, so no event is missed.
   */
  onModuleInit(): void {
    const quiet = interval(QUIET_REFRESH_MS).pipe(
      mergeMap(() => this.snapshots.hallIds().filter((id) => this.watched(id))),
      map((hallId) => (this.snapshots.markChanged(hallId), hallId)),
    );
    // In order; a call committed here waits only for its category names the first time (an instance
    // whose own sockets never watched the hall has not loaded them).
    const events = this.cluster.sequenced.pipe(
      concatMap((s) => (this.needsNames(s) ? from(this.snapshots.loadCategoryNames(s.event.hallId).then(() => this.onEvent(s))) : of(this.onEvent(s)))),
    );
    this.subscription = merge(events, quiet)
      .pipe(
        groupBy((hallId) => hallId),
        mergeMap((hall$) =>
          hall$.pipe(
            // Trailing only: a call's `called` event goes out at once, and the snapshot after it waits
            // one throttle period, so thousands of screens are not decoding a snapshot while the
            // `called` frames behind it are still on their way (bench:live measures this).
            throttleTime(this.throttleMs, asyncScheduler, { leading: false, trailing: true }),
            // A refresh still running swallows triggers; its loop picks up the dirty flag they left.
            exhaustMap(() => from(this.refreshWhileDirty(hall$.key))),
          ),
        ),
      )
      .subscribe();
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  /** A socket here joined the window's room: its snapshots are cut with every hall refresh. */
  watchWindow(hallId: string, windowId: string): void {
    setOf(this.windows, hallId).add(windowId);
  }

  /** A socket here joined the ticket's room; `s` is what it was sent last. */
  watchTicket(s: TicketSnapshot, token: string): void {
    setOf(this.tickets, s.hallId).add(token);
    this.ticketWatches.set(token, { hallId: s.hallId, lastBody: bodyOf(s), final: isFinal(s.ticket.status) });
  }

  // ---- events --------------------------------------------------------------------------------------

  /**
   * Runs in the order the cluster stream delivers, so seq and `called` follow the order events
   * committed in. Only the instance that committed a call emits its `called`: to the rooms, which with
   * the Redis adapter span every instance, so each screen gets it exactly once. Snapshots are
   * instance-local (LiveSocketRepository.emitSnapshot): every instance refreshes its own sockets.
   */
  private onEvent(s: SequencedEvent): string {
    const e = s.event;
    // Ticket and window events each wrote one ticket_event row; hall settings changes write none and so
    // do not move seq (seq stays equal to the row count, which is what makes it survive a restart).
    this.snapshots.markChanged(e.hallId, s.seq);
    if (e.kind === 'hall' && e.type === 'category.changed') this.snapshots.forgetCategoryNames(e.hallId);
    if (s.local && e.kind === 'ticket' && (e.type === 'called' || e.type === 'recalled') && e.ticket.windowId && e.ticket.windowLabel) {
      const t = e.ticket;
      const names = this.snapshots.categoryNames(e.hallId, t.category);
      const called: CalledEvent = {
        seq: s.seq, hallId: e.hallId, number: t.number, window: t.windowLabel!, windowId: t.windowId!, category: t.category,
        categoryNameZh: names?.zh ?? t.category, categoryNameEn: names?.en ?? t.category,
        recall: e.type === 'recalled', recallCount: t.recallCount, at: e.at,
      };
      // The phone may be watching on another instance: always name its room (an empty room costs nothing).
      this.sockets.emitCalled([roomOf.hall(e.hallId), roomOf.window(t.windowId!), roomOf.ticket(t.token)], called);
    }
    return e.hallId;
  }

  private needsNames(s: SequencedEvent): boolean {
    const e = s.event;
    return s.local && e.kind === 'ticket' && (e.type === 'called' || e.type === 'recalled') && !this.snapshots.hasCategoryNames(e.hallId);
  }

  // ---- sending snapshots ---------------------------------------------------------------------------

  private async refreshWhileDirty(hallId: string): Promise<void> {
    try {
      for (;;) {
        if (!this.watched(hallId)) {
          this.snapshots.dropIfStale(hallId);
          return;
        }
        await this.broadcast(hallId, await this.snapshots.current(hallId));
        if (!this.snapshots.isDirty(hallId)) return;
        // Events came during the refresh: go again, but no sooner than the throttle allows.
        await sleep(this.throttleMs);
      }
    } catch (e) {
      this.logger.warn(`Live refresh of hall ${hallId} failed: ${(e as Error).message}`);
    }
  }

  private async broadcast(hallId: string, { raw, snap }: ComputedHall): Promise<void> {
    this.sockets.emitSnapshot(roomOf.hall(hallId), snap);
    const windows = this.windows.get(hallId) ?? new Set<string>();
    for (const windowId of windows) {
      const room = roomOf.window(windowId);
      const w = this.sockets.hasMembers(room) ? windowSnapshot(snap, raw, windowId) : null;
      if (w) this.sockets.emitSnapshot(room, w);
      else windows.delete(windowId);
    }
    const tickets = this.tickets.get(hallId) ?? new Set<string>();
    for (const token of tickets) {
      const room = roomOf.ticket(token);
      const watch = this.ticketWatches.get(token);
      if (!watch || !this.sockets.hasMembers(room)) {
        tickets.delete(token);
        this.ticketWatches.delete(token);
        continue;
      }
      // A ticket gone from the hall view has finished (or was cancelled...): one database read, once.
      const s = await this.snapshots.ticketOfHall(hallId, raw, token, !watch.final);
      if (!s) continue;
      const body = bodyOf(s);
      if (body === watch.lastBody) continue;
      watch.lastBody = body;
      watch.final = isFinal(s.ticket.status);
      this.sockets.emitSnapshot(room, s);
    }
  }

  private watched(hallId: string): boolean {
    return this.sockets.hasMembers(roomOf.hall(hallId)) || (this.windows.get(hallId)?.size ?? 0) > 0 || (this.tickets.get(hallId)?.size ?? 0) > 0;
  }
}

function setOf(sets: Map<string, Set<string>>, hallId: string): Set<string> {
  let s = sets.get(hallId);
  if (!s) sets.set(hallId, (s = new Set()));
  return s;
}

function bodyOf(s: TicketSnapshot): string {
  return JSON.stringify(s.ticket) + s.hall.isOpen;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms).unref?.());
}
