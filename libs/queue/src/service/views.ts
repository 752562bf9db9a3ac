import type { LiveHall, TicketBody } from '@hallq/contracts';
import type { HallEntity, ServiceCategoryEntity, TicketEntity, WindowEntity, WindowState } from '../entities';

// Plain views returned by the service: what the API and the live gateway show. Times: epoch ms.

/** A hall's settings: the wire contract's hall without the live fields (service day, open now). */
export type HallView = Pick<LiveHall, 'id' | 'name' | 'timeZone' | 'opensAt' | 'closesAt' | 'keepLineOvernight'>;

export interface CategoryView {
  id: string;
  hallId: string;
  code: string;
  prefix: string;
  nameZh: string;
  nameEn: string;
  targetWaitSec: number;
  targetShare: number;
  materials: string[];
  defaultServiceSec: number;
  active: boolean;
  sortOrder: number;
}

export interface WindowView {
  id: string;
  hallId: string;
  label: string;
  state: WindowState;
  pauseReason: string | null;
  /** Work profile as category codes, in order of preference. */
  categories: string[];
  /** The same profile as category ids. */
  categoryIds: string[];
}

/**
 * A ticket as the service returns it: the wire contract's TicketBody with its tracking token, so the REST
 * answers cannot drift; the api strips the token from every answer but the issue answer (staff-ticket.ts).
 */
export type TicketView = TicketBody & { token: string };

export function hallView(h: HallEntity): HallView {
  return { id: h.id, name: h.name, timeZone: h.timeZone, opensAt: h.opensAt, closesAt: h.closesAt, keepLineOvernight: !!h.keepLineOvernight };
}

export function categoryView(c: ServiceCategoryEntity): CategoryView {
  return {
    id: c.id, hallId: c.hallId, code: c.code, prefix: c.prefix, nameZh: c.nameZh, nameEn: c.nameEn,
    targetWaitSec: c.targetWaitSec, targetShare: Number(c.targetShare), materials: c.materials ?? [],
    defaultServiceSec: c.defaultServiceSec, active: !!c.active, sortOrder: c.sortOrder,
  };
}

export function windowView(w: WindowEntity, codeOf: (categoryId: string) => string | undefined): WindowView {
  return {
    id: w.id, hallId: w.hallId, label: w.label, state: w.state, pauseReason: w.pauseReason,
    categories: w.categoryIds.map(codeOf).filter((c): c is string => !!c),
    categoryIds: [...w.categoryIds],
  };
}

/**
 * A waiting ticket as the forecast refresh and the alert rounds read it: a fraction of a full view's
 * columns, read every second or so for a line of thousands.
 */
export type WaitingTicket = Pick<TicketView, 'id' | 'number' | 'categoryId' | 'priority' | 'issuedAt' | 'targetWindowId' | 'transferCount'>;

export function ticketView(t: TicketEntity, categoryCode: string, windowLabel: string | null): TicketView {
  return {
    id: t.id, hallId: t.hallId, number: t.number, token: t.token, category: categoryCode, categoryId: t.categoryId,
    priority: t.priority, channel: t.channel, status: t.status, serviceDay: t.serviceDay, issuedAt: t.issuedAt,
    calledAt: t.calledAt, startedAt: t.startedAt, finishedAt: t.finishedAt, windowId: t.windowId, windowLabel,
    targetWindowId: t.targetWindowId, recallCount: t.recallCount, transferCount: t.transferCount,
  };
}
