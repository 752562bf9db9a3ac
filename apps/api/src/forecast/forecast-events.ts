import type { ForecastEvent, HallSnapshot } from '@hallq/forecast';
import type { HallState, QueueDomainEvent, TicketEventEntity, WaitingTicket } from '@hallq/queue';

/** Translates a committed queue change into what the forecaster learns from; null when it teaches nothing. */
export function fromDomainEvent(e: QueueDomainEvent): ForecastEvent | null {
  if (e.kind === 'ticket') {
    const t = e.ticket;
    switch (e.type) {
      case 'issued':
        return { type: 'issued', at: e.at, ticketId: t.id, categoryId: t.categoryId, priority: t.priority };
      case 'called':
        return { type: 'called', at: e.at, ticketId: t.id, windowId: t.windowId ?? '' };
      case 'started':
        return { type: 'started', at: e.at, ticketId: t.id, windowId: t.windowId ?? undefined };
      case 'finished':
        return { type: 'finished', at: e.at, ticketId: t.id, windowId: t.windowId ?? undefined };
      case 'no_show':
        return { type: 'no_show', at: e.at, ticketId: t.id };
      case 'cancelled':
      case 'closed_out':
        return { type: 'cancelled', at: e.at, ticketId: t.id };
      case 'transferred':
        return { type: 'transferred', at: e.at, ticketId: t.id, toCategoryId: t.categoryId, toWindowId: t.targetWindowId };
      case 'recalled':
        return null;
    }
  }
  if (e.kind === 'window') {
    const w = e.window;
    switch (e.type) {
      case 'window.created':
      case 'window.opened':
      case 'window.resumed':
        return w.state === 'open' ? { type: 'window_opened', at: e.at, windowId: w.id, categoryIds: w.categoryIds } : null;
      case 'window.paused':
        return { type: 'window_paused', at: e.at, windowId: w.id };
      case 'window.closed':
        return { type: 'window_closed', at: e.at, windowId: w.id };
      case 'window.profile_changed':
        return { type: 'profile_changed', at: e.at, windowId: w.id, categoryIds: w.categoryIds };
    }
  }
  return null;
}

/**
 * Translates a row of the event log (history replay at start). Window rows name categories by code;
 * `idOfCode` maps them with today's categories (a category deleted since is dropped from the profile).
 */
export function fromEventRow(r: TicketEventEntity, idOfCode: (code: string) => string | undefined): ForecastEvent | null {
  const data = (r.data ?? {}) as Record<string, unknown>;
  const ids = () => ((data.categories as string[] | undefined) ?? []).map(idOfCode).filter((x): x is string => !!x);
  const ticketId = r.ticketId ?? '';
  switch (r.type) {
    case 'issued':
      return { type: 'issued', at: r.at, ticketId, categoryId: r.categoryId ?? '', priority: data.priority === 'priority' ? 'priority' : 'normal' };
    case 'called':
      return { type: 'called', at: r.at, ticketId, windowId: r.windowId ?? '' };
    case 'started':
      return { type: 'started', at: r.at, ticketId, windowId: r.windowId ?? undefined };
    case 'finished':
      return { type: 'finished', at: r.at, ticketId, windowId: r.windowId ?? undefined };
    case 'no_show':
      return { type: 'no_show', at: r.at, ticketId };
    case 'cancelled':
    case 'closed_out':
      return { type: 'cancelled', at: r.at, ticketId };
    case 'transferred':
      return { type: 'transferred', at: r.at, ticketId, toCategoryId: r.categoryId ?? undefined, toWindowId: (data.toWindow as string | null) ?? null };
    case 'window.created':
      return r.toStatus === 'open' ? { type: 'window_opened', at: r.at, windowId: r.windowId ?? '', categoryIds: ids() } : null;
    case 'window.opened':
    case 'window.resumed':
      return { type: 'window_opened', at: r.at, windowId: r.windowId ?? '' };
    case 'window.paused':
      return { type: 'window_paused', at: r.at, windowId: r.windowId ?? '' };
    case 'window.closed':
      return { type: 'window_closed', at: r.at, windowId: r.windowId ?? '' };
    case 'window.profile_changed':
      return { type: 'profile_changed', at: r.at, windowId: r.windowId ?? '', categoryIds: ids() };
    default:
      return null;
  }
}

/** The hall as the forecaster sees it, from the queue's current state. */
export function hallSnapshotOf(s: HallState<WaitingTicket>, maxPriorityStreak?: number): HallSnapshot {
  return {
    categories: s.lines.map((l) => ({
      id: l.category.id,
      targetWaitMs: l.category.targetWaitSec * 1000,
      targetShare: l.category.targetShare,
      defaultServiceMs: l.category.defaultServiceSec * 1000,
    })),
    windows: s.windows.map((w) => ({ id: w.id, state: w.state, categoryIds: w.categoryIds })),
    waiting: s.waiting.map((t) => ({ id: t.id, categoryId: t.categoryId, priority: t.priority, issuedAt: t.issuedAt, targetWindowId: t.targetWindowId })),
    serving: s.windows
      .filter((w) => w.current)
      .map((w) => ({ id: w.current!.id, categoryId: w.current!.categoryId, windowId: w.id, startedAt: w.current!.startedAt ?? w.current!.calledAt ?? s.at })),
    maxPriorityStreak,
  };
}
