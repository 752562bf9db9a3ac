import { Inject, Injectable, Logger } from '@nestjs/common';
import { QueueError, QueueService, type Clock, type HallState, type TicketView } from '@hallq/queue';
import { ClusterEventsService } from '../cluster/cluster-events.service';
import { CLOCK } from '../queue/clock';
import { WaitService } from '../waits/wait.service';
import { HallFeedRepository, type CategoryNames } from './hall-feed.repository';
import {
  citizenTicket, hallSnapshot, peopleAheadOf, windowSnapshot, type HallSnapshot, type TicketFacts, type TicketSnapshot, type WindowSnapshot,
} from './live-views';

/** Watched halls are refreshed this often even when quiet: opening hours and the service day turn over. */
export const QUIET_REFRESH_MS = 30_000;

/** A hall's state as last read and the snapshot made from it. */
export interface ComputedHall {
  raw: HallState;
  snap: HallSnapshot;
  /** The computation (HallCache.started at its start) this came from. */
  n: number;
}

/**
 * One hall's snapshot on this instance. It is a cache: the database is the truth and any instance can
 * rebuild it; every instance computes it for its own sockets from the cluster's events.
 * - `seq` counts this hall's ticket_event rows, as ClusterEventsService hands it out with each event
 *   (with Redis, the same on every instance; see docs/live.md).
 */
interface HallCache {
  hallId: string;
  seq: number;
  /** An event arrived since `latest` was computed. */
  dirty: boolean;
  /** Computations started so far; `n` of a result says which one it came from. */
  started: number;
  latest: ComputedHall | null;
  inflight: { n: number; result: Promise<ComputedHall> } | null;
  categoryNames: Map<string, CategoryNames>;
}

/**
 * Builds what /live clients are sent: per hall one snapshot, computed once for all its clients (never
 * per client) and cached until an event or time makes it stale; window and ticket views are cut from it
 * in memory. When they are sent is HallFeedService's business.
 */
@Injectable()
export class HallSnapshotService {
  private readonly logger = new Logger(HallSnapshotService.name);
  private readonly halls = new Map<string, HallCache>();

  constructor(
    private readonly queue: QueueService,
    private readonly repository: HallFeedRepository,
    private readonly waits: WaitService,
    private readonly cluster: ClusterEventsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The hall's current snapshot; throws QueueError HALL_NOT_FOUND for an unknown hall. `readNow`: read
   * from the database after this call began (shared with the other callers waiting then), for a client
   * that has just joined: the cache knows only the events this instance heard, and a screen arriving
   * from a killed instance must also see what that instance committed but never announced.
   */
  async hallSnapshot(hallId: string, readNow = false): Promise<HallSnapshot> {
    return (await this.current(hallId, readNow)).snap;
  }

  /** Resolves a window id to its hall; throws WINDOW_NOT_FOUND. `readNow` as for hallSnapshot. */
  async windowSnapshot(windowId: string, readNow = false): Promise<WindowSnapshot> {
    const hallId = await this.repository.findHallIdOfWindow(windowId);
    if (!hallId) throw new QueueError('WINDOW_NOT_FOUND');
    const cur = await this.current(hallId, readNow);
    const snap = windowSnapshot(cur.snap, cur.raw, windowId);
    if (!snap) throw new QueueError('WINDOW_NOT_FOUND');
    return snap;
  }

  /** The citizen's ticket; throws TICKET_NOT_FOUND for an unknown token. `readNow` as for hallSnapshot. */
  async ticketSnapshot(token: string, readNow = false): Promise<TicketSnapshot> {
    const v = await this.queue.getByToken(token);
    const hallId = v.ticket.hallId;
    const { raw } = await this.current(hallId, readNow);
    const facts = (await this.factsFromHall(raw, token)) ?? (await this.factsFromDb(token));
    return this.ticketSnapshotOf(this.hall(hallId), raw, facts);
  }

  /**
   * The ticket's view cut from its hall's state `raw`. A ticket gone from the hall view has finished (or
   * was cancelled...): read from the database when `orFromDb`, else null.
   */
  async ticketOfHall(hallId: string, raw: HallState, token: string, orFromDb: boolean): Promise<TicketSnapshot | null> {
    const facts = (await this.factsFromHall(raw, token)) ?? (orFromDb ? await this.factsFromDb(token) : null);
    return facts && this.ticketSnapshotOf(this.hall(hallId), raw, facts);
  }

  /**
   * The cached snapshot if no event came since, else one shared computation (never one per client).
   * `readNow`: only a computation started after this call, still shared: a burst of reconnecting
   * screens costs one read per read time, not one per screen.
   */
  async current(hallId: string, readNow = false): Promise<ComputedHall> {
    const hall = this.hall(hallId);
    const after = hall.started;
    // A computation begun before this call read too early: wait it out (its failure is its starter's).
    // Every computation started from here on is one this call may share.
    if (readNow) while (hall.inflight && hall.inflight.n <= after) await hall.inflight.result.catch(() => undefined);
    for (let tries = 0; tries < 3; tries++) {
      const latest = hall.latest;
      if (latest && !hall.dirty && this.fresh(latest.raw.at) && (!readNow || latest.n > after)) return latest;
      const out = await (hall.inflight ?? this.startCompute(hall)).result;
      if (!hall.dirty) return out;
    }
    return hall.latest && (!readNow || hall.latest.n > after) ? hall.latest : this.startCompute(hall).result;
  }

  // ---- what the feed tells it ----------------------------------------------------------------------

  /** Halls with a snapshot here (or one on its way). */
  hallIds(): string[] {
    return [...this.halls.keys()];
  }

  /** Something changed in the hall (an event with its seq, or only time): the next read computes anew. */
  markChanged(hallId: string, seq?: number): void {
    const hall = this.hall(hallId);
    if (seq !== undefined && seq > hall.seq) hall.seq = seq;
    hall.dirty = true;
  }

  /** An event came since the last computation started. */
  isDirty(hallId: string): boolean {
    return this.hall(hallId).dirty;
  }

  /** Nobody here watches the hall: drop a stale snapshot, so the next subscriber computes a fresh one. */
  dropIfStale(hallId: string): void {
    const hall = this.hall(hallId);
    if (hall.dirty) hall.latest = null;
  }

  // ---- category names for `called` -----------------------------------------------------------------

  categoryNames(hallId: string, code: string): CategoryNames | undefined {
    return this.hall(hallId).categoryNames.get(code);
  }

  hasCategoryNames(hallId: string): boolean {
    return this.hall(hallId).categoryNames.size > 0;
  }

  /** A category was changed: its names are read again with the next snapshot or `called`. */
  forgetCategoryNames(hallId: string): void {
    this.hall(hallId).categoryNames = new Map();
  }

  /** Reads the names for an instance whose sockets never watched the hall; a failure only logs. */
  async loadCategoryNames(hallId: string): Promise<void> {
    try {
      this.hall(hallId).categoryNames = await this.repository.findCategoryNames(hallId);
    } catch (e) {
      this.logger.warn(`Could not load the category names of hall ${hallId}: ${(e as Error).message}`);
    }
  }

  // ---- computing -----------------------------------------------------------------------------------

  private startCompute(hall: HallCache): { n: number; result: Promise<ComputedHall> } {
    const n = ++hall.started;
    const run = { n, result: this.compute(hall, n).finally(() => hall.inflight === run && (hall.inflight = null)) };
    hall.inflight = run;
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

  private async compute(hall: HallCache, n: number): Promise<ComputedHall> {
    // Read seq before the state: the state then holds at least every event up to seq.
    const seq = hall.seq;
    hall.dirty = false;
    try {
      const raw = await this.queue.hallState(hall.hallId);
      const snap = hallSnapshot(seq, raw, (l) => this.waits.forLine(l));
      hall.categoryNames = new Map(raw.lines.map((l) => [l.category.code, { zh: l.category.nameZh, en: l.category.nameEn }]));
      const out = { raw, snap, n };
      // A slower, older computation finishing last must not replace a newer one.
      if (!hall.latest || hall.latest.n < n) hall.latest = out;
      return out;
    } catch (e) {
      hall.dirty = true;
      // Unknown ids asked for by clients leave nothing behind.
      if (e instanceof QueueError && e.code === 'HALL_NOT_FOUND') this.halls.delete(hall.hallId);
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

  private ticketSnapshotOf(hall: HallCache, raw: HallState, facts: TicketFacts): TicketSnapshot {
    return {
      seq: hall.latest?.snap.seq ?? hall.seq, scope: 'ticket', hallId: hall.hallId, at: raw.at,
      hall: { id: raw.hall.id, name: raw.hall.name, isOpen: raw.hall.isOpen, serviceDay: raw.hall.serviceDay },
      ticket: citizenTicket(facts),
    };
  }

  private hall(hallId: string): HallCache {
    let h = this.halls.get(hallId);
    if (!h) {
      h = { hallId, seq: this.cluster.seqOf(hallId), dirty: true, started: 0, latest: null, inflight: null, categoryNames: new Map() };
      this.halls.set(hallId, h);
    }
    return h;
  }
}
