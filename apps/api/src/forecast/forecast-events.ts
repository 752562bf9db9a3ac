import type { CategorySnapshot, ForecastEvent, HallSnapshot } from '@hallq/forecast';
import type { HallState, QueueDomainEvent, TicketEventEntity, WaitingTicket } from '@hallq/queue';

/**
 * What a queue change tells the forecaster, whichever way it came: a committed change on the live
 * stream (factsOfDomainEvent) or a row of the event log replayed at start (factsOfEventRow). The two
 * only read their fields; toForecastEvent is the one translation.
 */
export interface ChangeFacts {
  /** The event log's type (ticket events and `window.*`). */
  type: string;
  at: number;
  ticketId: string;
  /** The ticket's category (after a transfer, the one it went to). */
  categoryId: string | null;
  windowId: string | null;
  priority: 'normal' | 'priority';
  /** A transfer to a window: that window. */
  toWindowId: string | null;
  /** A window event: the window's state after it, and its work profile when the change says it. */
  windowState: string | null;
  categoryIds?: string[];
}

/** The one translation of a queue change into what the forecaster learns from; null when it teaches nothing. */
export function toForecastEvent(f: ChangeFacts): ForecastEvent | null {
  const { at, ticketId } = f;
  switch (f.type) {
    case 'issued':
      return { type: 'issued', at, ticketId, categoryId: f.categoryId ?? '', priority: f.priority };
    case 'called':
      return { type: 'called', at, ticketId, windowId: f.windowId ?? '' };
    case 'started':
      return { type: 'started', at, ticketId, windowId: f.windowId ?? undefined };
    case 'finished':
      return { type: 'finished', at, ticketId, windowId: f.windowId ?? undefined };
    case 'no_show':
      return { type: 'no_show', at, ticketId };
    case 'cancelled':
    case 'closed_out':
      return { type: 'cancelled', at, ticketId };
    case 'transferred':
      return { type: 'transferred', at, ticketId, toCategoryId: f.categoryId ?? undefined, toWindowId: f.toWindowId };
    case 'window.created':
    case 'window.opened':
    case 'window.resumed':
      if (f.windowState !== 'open') return null;
      return { type: 'window_opened', at, windowId: f.windowId ?? '', ...(f.categoryIds ? { categoryIds: f.categoryIds } : {}) };
    case 'window.paused':
      return { type: 'window_paused', at, windowId: f.windowId ?? '' };
    case 'window.closed':
      return { type: 'window_closed', at, windowId: f.windowId ?? '' };
    case 'window.profile_changed':
      return { type: 'profile_changed', at, windowId: f.windowId ?? '', categoryIds: f.categoryIds ?? [] };
    default:
      return null; // recalled, hall and category changes
  }
}

/** The facts of a committed change on the live stream. */
export function factsOfDomainEvent(e: QueueDomainEvent): ChangeFacts | null {
  if (e.kind === 'ticket') {
    const t = e.ticket;
    return {
      type: e.type, at: e.at, ticketId: t.id, categoryId: t.categoryId, windowId: t.windowId, priority: t.priority,
      toWindowId: t.targetWindowId, windowState: null,
    };
  }
  if (e.kind === 'window') {
    const w = e.window;
    return {
      type: e.type, at: e.at, ticketId: '', categoryId: null, windowId: w.id, priority: 'normal', toWindowId: null,
      windowState: w.state, categoryIds: w.categoryIds,
    };
  }
  return null;
}

/**
 * The facts of a row of the event log. Window rows name categories by code; `idOfCode` maps them with
 * today's categories (a category deleted since is dropped from the profile). An opened or resumed row
 * does not repeat the profile (the window keeps the one it had).
 */
export function factsOfEventRow(r: TicketEventEntity, idOfCode: (code: string) => string | undefined): ChangeFacts {
  const data = (r.data ?? {}) as Record<string, unknown>;
  const profile = r.type === 'window.created' || r.type === 'window.profile_changed';
  return {
    type: r.type, at: r.at, ticketId: r.ticketId ?? '', categoryId: r.categoryId, windowId: r.windowId,
    priority: data.priority === 'priority' ? 'priority' : 'normal',
    toWindowId: (data.toWindow as string | null) ?? null,
    windowState: r.type === 'window.opened' || r.type === 'window.resumed' ? 'open' : r.toStatus,
    ...(profile ? { categoryIds: ((data.categories as string[] | undefined) ?? []).map(idOfCode).filter((x): x is string => !!x) } : {}),
  };
}

/** The one mapping of a hall's category to what the forecaster knows of it. */
export function categorySnapshotOf(c: { id: string; targetWaitSec: number; targetShare?: number; defaultServiceSec: number }): CategorySnapshot {
  return { id: c.id, targetWaitMs: c.targetWaitSec * 1000, targetShare: c.targetShare, defaultServiceMs: c.defaultServiceSec * 1000 };
}

/** The hall as the forecaster sees it, from the queue's current state. */
export function hallSnapshotOf(s: HallState<WaitingTicket>, maxPriorityStreak?: number): HallSnapshot {
  return {
    categories: s.lines.map((l) => categorySnapshotOf(l.category)),
    windows: s.windows.map((w) => ({ id: w.id, state: w.state, categoryIds: w.categoryIds })),
    waiting: s.waiting.map((t) => ({ id: t.id, categoryId: t.categoryId, priority: t.priority, issuedAt: t.issuedAt, targetWindowId: t.targetWindowId })),
    serving: s.windows
      .filter((w) => w.current)
      .map((w) => ({ id: w.current!.id, categoryId: w.current!.categoryId, windowId: w.id, startedAt: w.current!.startedAt ?? w.current!.calledAt ?? s.at })),
    maxPriorityStreak,
  };
}
