/**
 * The /live socket protocol (docs/live.md is the prose): what the server emits and the pages read. The
 * api builds these (apps/api/src/live/live-views.ts), the pages consume them; nothing here is code.
 */
import type { AlertEvent, AlertsEvent } from './alerts';
import type { LiveRefusal } from './errors';

export type TicketStatus = 'waiting' | 'called' | 'serving' | 'done' | 'no_show' | 'cancelled' | 'unserved';
export type PriorityClass = 'normal' | 'priority';

/** A wait estimate as the api shows it. */
export interface WaitEstimate {
  /** Expected wait in seconds. */
  expectedSec: number;
  /** Range: about one in ten waits less than lowSec (p10), one in ten more than highSec (p90). */
  lowSec: number;
  highSec: number;
  /** Probability of being called within the category's target wait (forecast only). */
  withinTargetProbability?: number;
  /** 'forecast' from libs/forecast; 'stand-in' only while a hall's forecaster is still loading. */
  source: 'stand-in' | 'forecast';
}

/**
 * A ticket as broadcast to screens and counters in a public hall: never its tracking token, the only key
 * to a citizen's phone page.
 */
export interface PublicTicket {
  number: string;
  category: string;
  priority: PriorityClass;
  status: TicketStatus;
  issuedAt: number;
  calledAt: number | null;
  windowId: string | null;
  windowLabel: string | null;
  targetWindowId: string | null;
  recallCount: number;
}

export interface LiveCategory {
  code: string;
  prefix: string;
  nameZh: string;
  nameEn: string;
  materials: string[];
  active: boolean;
  targetWaitSec: number;
}

export interface LiveLine {
  category: LiveCategory;
  waiting: number;
  priorityWaiting: number;
  openWindows: number;
  oldestIssuedAt: number | null;
  /** Wait for a ticket taken now. */
  waitNow: WaitEstimate | null;
}

export interface LiveWindow {
  id: string;
  label: string;
  state: string;
  pauseReason: string | null;
  categories: string[];
  current: PublicTicket | null;
}

export interface LiveHall {
  id: string;
  name: string;
  timeZone: string;
  opensAt: string;
  closesAt: string;
  keepLineOvernight: boolean;
  serviceDay: string;
  isOpen: boolean;
}

export interface HallSnapshot {
  seq: number;
  scope: 'hall';
  hallId: string;
  at: number;
  hall: LiveHall;
  lines: LiveLine[];
  windows: LiveWindow[];
  /** Newest call first. */
  recentCalls: PublicTicket[];
  /** The first few waiting tickets, oldest first (`lines` has the counts). */
  nextWaiting: PublicTicket[];
}

export interface WindowSnapshot {
  seq: number;
  scope: 'window';
  hallId: string;
  at: number;
  hall: LiveHall;
  window: LiveWindow;
  /** Lines of the categories this window serves, in its order of preference. */
  lines: LiveLine[];
  /** Tickets this window may call: in its categories or transferred to it. */
  waiting: PublicTicket[];
}

export interface CitizenTicket extends PublicTicket {
  hallId: string;
  hallName: string;
  categoryNameZh: string;
  categoryNameEn: string;
  peopleAhead: number;
  estimatedWait: WaitEstimate | null;
}

export interface TicketSnapshot {
  seq: number;
  scope: 'ticket';
  hallId: string;
  at: number;
  hall: Pick<LiveHall, 'id' | 'name' | 'isOpen' | 'serviceDay'>;
  ticket: CitizenTicket;
}

export type LiveSnapshot = HallSnapshot | WindowSnapshot | TicketSnapshot;

export interface CalledEvent {
  seq: number;
  hallId: string;
  /** Ticket number as spoken: "A023". */
  number: string;
  /** Window label as spoken: "5". */
  window: string;
  windowId: string;
  category: string;
  categoryNameZh: string;
  categoryNameEn: string;
  recall: boolean;
  recallCount: number;
  at: number;
}

/** What a client emits with `subscribe` / `unsubscribe`: exactly one key. */
export type SubscribeRequest = { hall: string } | { window: string } | { ticket: string } | { manager: string };

/** /live `error`: a refused subscribe/unsubscribe for clients without an acknowledgement, request echoed when small. */
export type LiveErrorEvent = Omit<LiveRefusal, 'ok'> & { ok?: false; request?: unknown };

/** The answer to `subscribe` and `unsubscribe`. */
export type SubscribeAck = { ok: true } | LiveRefusal;

/** Server-to-client events of the /live namespace (docs/live.md). */
export interface LiveServerEvents {
  snapshot: (s: LiveSnapshot) => void;
  called: (e: CalledEvent) => void;
  /** Manager subscribers: the hall's open alerts, on subscribe. */
  alerts: (s: AlertsEvent) => void;
  /** Manager subscribers: one alert raised, escalated, cleared or acknowledged. */
  alert: (e: AlertEvent) => void;
  error: (e: LiveErrorEvent) => void;
}

/** Client-to-server events: the payload is checked by the server, so it is typed loosely here. */
export interface LiveClientEvents {
  subscribe: (payload: unknown, ack?: (r: SubscribeAck) => void) => void;
  unsubscribe: (payload: unknown, ack?: (r: SubscribeAck) => void) => void;
}
