// Over 300 lines: one feed per hall (snapshot cache, coalescing, window and ticket watchers) kept in one place.
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import {
  QueueError, QueueService, ServiceCategoryEntity, WindowEntity,
  type Clock, type HallState, type TicketView,
} from '@hallq/queue';
import { asyncScheduler, concatMap, exhaustMap, from, groupBy, interval, map, merge, mergeMap, of, throttleTime, type Subscription } from 'rxjs';
import { DataSource } from 'typeorm';
import { ClusterEventsService, type SequencedEvent } from '../cluster/cluster-events.service';
import { CLOCK } from '../queue/clock';
import { WaitService } from '../waits/wait.service';
import { LiveSocketRepository, roomOf } from './live-socket.repository';
import {
  citizenTicket, hallSnapshot, isFinal, peopleAheadOf, windowSnapshot,
  type CalledEvent, type HallSnapshot, type TicketFacts, type TicketSnapshot, type WindowSnapshot,
} from './live-views';

/** A hall's snapshot is recomputed at most this often, however fast events come (issue 5: a few a second). */
export const SNAPSHOT_THROTTLE_MS = 250;
/** Watched halls are refreshed this often even when quiet: opening hours and the service day turn over. */
export const QUIET_REFRESH_MS = 30_000;

interface TicketWatch {
  hallId: string;
  /** The last snapshot sent, as JSON without seq/at, so an unchanged ticket is not sent again. */
  lastBody: string;
  final: boolean;
}

interface Computed {
  raw: HallState;
  snap: HallSnapshot;
  /** The computation (HallFeed.started at its start) this came from. */
  n: number;
}

/**
 * Per-hall live state of this instance:
 * - `seq` counts this hall's ticket_event rows, as ClusterEventsService hands it out with each event
 *   (with Redis, the same on every instance; see docs/live.md).
 * - the cached snapshot is a cache: the database is the truth and any instance can rebuild it. Every
 *   instance computes it for its own sockets from the cluster's events.
 * - `windows`/`tickets` list what this process's sockets watch, to skip work for unwatched ones.
 */
interface HallFeed {
  hallId: string;
  seq: number;
  /** An event arrived since `latest` was computed. */
  dirty: boolean;
  /** Computations started so far; `n` below says which one a result came from. */
  started: number;
  latest: Computed | null;
  inflight: { n: number; result: Promise<Computed> } | null;
  categoryNames: Map<string, { zh: string; en: string }>;
  windows: Set<string>;
  tickets: Set<string>;
}

/**
 * Turns the queue's domain events into what /live clients receive: `called` at once for each call or
 * recall, and per hall a snapshot recomputed at most every SNAPSHOT_THROTTLE_MS (one rxjs pipeline per
 * hall, shared by all the hall's clients), from which window and ticket views are cut in memory.
 */
@Injectable()
export class HallFeedService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(HallFeedService.name);
  private readonly feeds = new Map<string, HallFeed>();
  private readonly tickets = new Map<string, TicketWatch>();
  private subscription: Subscription | null = null;
  private readonly throttleMs = SNAPSHOT_THROTTLE_MS;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: QueueService,
    private readonly cluster: ClusterEventsService,
    private readonly sockets: LiveSocketRepository,
    private readonly moduleRef: ModuleRef,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The app's one WaitService (AppModule's), found at init rather than provided here: it holds the hall
   * forecasters, and a second instance would answer differently from the REST api.
   */
  private waits!: WaitService;

  /**
   * Follows the cluster's event stream (this instance's changes and, with Redis, the other instances').
   * This runs before the app listens and before the demo seeder, so no event is missed.
   */
  async onModuleInit(): Promise<void> {
    this.waits = this.moduleRef.get(WaitService, { strict: false });

    const quiet = interval(QUIET_REFRESH_MS).pipe(
      mergeMap(() => [...this.feeds.values()].filter((f) => this.watched(f))),
      map((f) => ((f.dirty = true), f.hallId)),
    );
    // In order; a call committed here waits only for its category names the first time (an instance
    // whose own sockets never watched the hall has not loaded them).
    const events = this.cluster.sequenced.pipe(
      concatMap((s) => (this.needsNames(s) ? from(this.loadNames(s.event.hallId).then(() => this.onEvent(s))) : of(this.onEvent(s)))),
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

  // ---- subscribing ---------------------------------------------------------------------------------

  /**
   * The hall's current snapshot; throws QueueError HALL_NOT_FOUND for an unknown hall. `readNow`: read
   * from the database after this call began (shared with the other callers waiting then), for a client
   * that has just joined: the cache knows only the events this instance heard, and a screen arriving
   * from a killed instance must also see what that instance committed but never announced.
   */
  async hallSnapshot(hallId: string, readNow = false): Promise<HallSnapshot> {
    return (await this.current(this.feed(hallId), readNow)).snap;
  }

  /** Resolves a window id to its hall; throws WINDOW_NOT_FOUND. `readNow` as for hallSnapshot. */
  async windowSnapshot(windowId: string, readNow = false): Promise<WindowSnapshot> {
    const w = await this.dataSource.manager.findOne(WindowEntity, { where: { id: windowId }, select: { id: true, hallId: true } });
    if (!w) throw new QueueError('WINDOW_NOT_FOUND');
    const cur = await this.current(this.feed(w.hallId), readNow);
    const snap = windowSnapshot(cur.snap, cur.raw, windowId);
    if (!snap) throw new QueueError('WINDOW_NOT_FOUND');
    return snap;
  }

  /** The citizen's ticket; throws TICKET_NOT_FOUND for an unknown token. `readNow` as for hallSnapshot. */
  async ticketSnapshot(token: string, readNow = false): Promise<TicketSnapshot> {
    const v = await this.queue.getByToken(token);
    const feed = this.feed(v.ticket.hallId);
    const { raw } = await this.current(feed, readNow);
    const facts = (await this.factsFromHall(raw, token)) ?? (await this.factsFromDb(token));
    return this.ticketSnapshotOf(feed, raw, facts);
  }

  watchWindow(hallId: string, windowId: string): void {
    this.feed(hallId).windows.add(windowId);
  }

  watchTicket(s: TicketSnapshot, token: string): void {
    this.feed(s.hallId).tickets.add(token);
    this.tickets.set(token, { hallId: s.hallId, lastBody: bodyOf(s), final: isFinal(s.ticket.status) });
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
    const feed = this.feed(e.hallId);
    // Ticket and window events each wrote one ticket_event row; hall settings changes write none and so
    // do not move seq (seq stays equal to the row count, which is what makes it survive a restart).
    if (s.seq > feed.seq) feed.seq = s.seq;
    feed.dirty = true;
    if (e.kind === 'hall' && e.type === 'category.changed') feed.categoryNames = new Map();
    if (s.local && e.kind === 'ticket' && (e.type === 'called' || e.type === 'recalled') && e.ticket.windowId && e.ticket.windowLabel) {
      const t = e.ticket;
      const names = feed.categoryNames.get(t.category);
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
    return s.local && e.kind === 'ticket' && (e.type === 'called' || e.type === 'recalled') && this.feed(e.hallId).categoryNames.size === 0;
  }

  private async loadNames(hallId: string): Promise<void> {
    try {
      const cats = await this.dataSource.manager.find(ServiceCategoryEntity, { where: { hallId }, select: { code: true, nameZh: true, nameEn: true } });
      this.feed(hallId).categoryNames = new Map(cats.map((c) => [c.code, { zh: c.nameZh, en: c.nameEn }]));
    } catch (e) {
      this.logger.warn(`Could not load the category names of hall ${hallId}: ${(e as Error).message}`);
    }
  }

  private async refreshWhileDirty(hallId: string): Promise<void> {
    const feed = this.feed(hallId);
    try {
      for (;;) {
        if (!this.watched(feed)) {
          // Nobody here watches this hall: drop the stale cache; the next subscriber computes a fresh one.
          if (feed.dirty) feed.latest = null;
          return;
        }
        const cur = await this.current(feed);
        await this.broadcast(feed, cur.raw, cur.snap);
        if (!feed.dirty) return;
        // Events came during the refresh: go again, but no sooner than the throttle allows.
        await sleep(this.throttleMs);
      }
    } catch (e) {
      this.logger.warn(`Live refresh of hall ${hallId} failed: ${(e as Error).message}`);
    }
  }

  private async broadcast(feed: HallFeed, raw: HallState, snap: HallSnapshot): Promise<void> {
    this.sockets.emitSnapshot(roomOf.hall(feed.hallId), snap);
    for (const windowId of feed.windows) {
      const room = roomOf.window(windowId);
      const w = this.sockets.hasMembers(room) ? windowSnapshot(snap, raw, windowId) : null;
      if (w) this.sockets.emitSnapshot(room, w);
      else feed.windows.delete(windowId);
    }
    for (const token of feed.tickets) {
      const room = roomOf.ticket(token);
      const watch = this.tickets.get(token);
      if (!watch || !this.sockets.hasMembers(room)) {
        feed.tickets.delete(token);
        this.tickets.delete(token);
        continue;
      }
      const inHall = await this.factsFromHall(raw, token);
      // A ticket gone from the hall view has finished (or was cancelled...): one database read, once.
      if (!inHall && watch.final) continue;
      const s = this.ticketSnapshotOf(feed, raw, inHall ?? (await this.factsFromDb(token)));
      const body = bodyOf(s);
      if (body === watch.lastBody) continue;
      watch.lastBody = body;
      watch.final = isFinal(s.ticket.status);
      this.sockets.emitSnapshot(room, s);
    }
  }

  // ---- computing -----------------------------------------------------------------------------------

  /**
   * The cached snapshot if no event came since, else one shared computation (never one per client).
   * `readNow`: only a computation started after this call, still shared: a burst of reconnecting
   * screens costs one read per read time, not one per screen.
   */
  private async current(feed: HallFeed, readNow = false): Promise<Computed> {
    const after = feed.started;
    // A computation begun before this call read too early: wait it out (its failure is its starter's).
    // Every computation started from here on is one this call may share.
    if (readNow) while (feed.inflight && feed.inflight.n <= after) await feed.inflight.result.catch(() => undefined);
    for (let tries = 0; tries < 3; tries++) {
      const latest = feed.latest;
      if (latest && !feed.dirty && this.fresh(latest.raw.at) && (!readNow || latest.n > after)) return latest;
      const out = await (feed.inflight ?? this.startCompute(feed)).result;
      if (!feed.dirty) return out;
    }
    return feed.latest && (!readNow || feed.latest.n > after) ? feed.latest : this.startCompute(feed).result;
  }

  private startCompute(feed: HallFeed): { n: number; result: Promise<Computed> } {
    const n = ++feed.started;
    const run = { n, result: this.compute(feed, n).finally(() => feed.inflight === run && (feed.inflight = null)) };
    feed.inflight = run;
    return run;
  }

  /**
   * A snapshot also goes stale with time alone (opening hours, waits running down): a new subscriber
   * never gets one older than the quiet refresh period, nor one from a clock that has since moved back.
   */
  private fresh(at: number): boolean {
    const age = this.clock.now() - at;
    return age >= 0 && age < QUIET_REFRESH_MS;
  }

  private async compute(feed: HallFeed, n: number): Promise<Computed> {
    // Read seq before the state: the state then holds at least every event up to seq.
    const seq = feed.seq;
    feed.dirty = false;
    try {
      const raw = await this.queue.hallState(feed.hallId);
      const snap = hallSnapshot(seq, raw, (l) => this.waits.forLine(l));
      feed.categoryNames = new Map(raw.lines.map((l) => [l.category.code, { zh: l.category.nameZh, en: l.category.nameEn }]));
      const out = { raw, snap, n };
      // A slower, older computation finishing last must not replace a newer one.
      if (!feed.latest || feed.latest.n < n) feed.latest = out;
      return out;
    } catch (e) {
      feed.dirty = true;
      if (e instanceof QueueError && e.code === 'HALL_NOT_FOUND') this.feeds.delete(feed.hallId);
      throw e;
    }
  }

  /** The ticket as its phone sees it, from the hall state in memory; null when it left the hall view. */
  private async factsFromHall(raw: HallState, token: string): Promise<TicketFacts | null> {
    const t: TicketView | undefined =
      raw.waiting.find((x) => x.token === token) ?? raw.windows.find((w) => w.current?.token === token)?.current ?? undefined;
    if (!t) return null;
    const line = raw.lines.find((l) => l.category.id === t.categoryId);
    const peopleAhead = t.status === 'waiting' ? peopleAheadOf(t, raw.waiting) : 0;
    return {
      ticket: t, peopleAhead, hall: raw.hall, category: line?.category ?? { nameZh: t.category, nameEn: t.category },
      // The same estimator call as GET /api/tickets/:token, so phone and REST agree.
      estimatedWait: line && t.status === 'waiting' ? await this.waits.forTicket(t, peopleAhead, line.category.defaultServiceSec) : null,
    };
  }

  private async factsFromDb(token: string): Promise<TicketFacts> {
    const v = await this.queue.getByToken(token);
    return {
      ticket: v.ticket, peopleAhead: v.peopleAhead, hall: v.hall, category: v.category,
      estimatedWait: await this.waits.forTicket(v.ticket, v.peopleAhead, v.category.defaultServiceSec),
    };
  }

  private ticketSnapshotOf(feed: HallFeed, raw: HallState, facts: TicketFacts): TicketSnapshot {
    return {
      seq: feed.latest?.snap.seq ?? feed.seq, scope: 'ticket', hallId: feed.hallId, at: raw.at,
      hall: { id: raw.hall.id, name: raw.hall.name, isOpen: raw.hall.isOpen, serviceDay: raw.hall.serviceDay },
      ticket: citizenTicket(facts),
    };
  }

  private feed(hallId: string): HallFeed {
    let f = this.feeds.get(hallId);
    if (!f) {
      f = { hallId, seq: this.cluster.seqOf(hallId), dirty: true, started: 0, latest: null, inflight: null, categoryNames: new Map(), windows: new Set(), tickets: new Set() };
      this.feeds.set(hallId, f);
    }
    return f;
  }

  private watched(f: HallFeed): boolean {
    return this.sockets.hasMembers(roomOf.hall(f.hallId)) || f.windows.size > 0 || f.tickets.size > 0;
  }
}

function bodyOf(s: TicketSnapshot): string {
  return JSON.stringify(s.ticket) + s.hall.isOpen;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms).unref?.());
}
