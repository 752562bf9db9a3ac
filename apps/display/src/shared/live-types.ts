/** The /live protocol as the pages use it (docs/live.md is the reference; the api defines it). */
export interface WaitEstimate { expectedSec: number; lowSec: number; highSec: number; source: string }

export interface PublicTicket {
  number: string;
  category: string;
  priority: 'normal' | 'priority';
  status: 'waiting' | 'called' | 'serving' | 'done' | 'no_show' | 'cancelled' | 'unserved';
  issuedAt: number;
  calledAt: number | null;
  windowId: string | null;
  windowLabel: string | null;
  recallCount: number;
}

export interface LiveLine {
  category: { code: string; prefix: string; nameZh: string; nameEn: string; materials: string[]; active: boolean; targetWaitSec: number };
  waiting: number;
  priorityWaiting: number;
  openWindows: number;
  waitNow: WaitEstimate | null;
}

export interface LiveHall { id: string; name: string; opensAt: string; closesAt: string; serviceDay: string; isOpen: boolean; timeZone: string }

export interface HallSnapshot {
  seq: number;
  scope: 'hall';
  hallId: string;
  at: number;
  hall: LiveHall;
  lines: LiveLine[];
  windows: { id: string; label: string; state: string; current: PublicTicket | null }[];
  recentCalls: PublicTicket[];
}

export interface CitizenTicket extends PublicTicket {
  hallId: string;
  hallName: string;
  categoryNameZh: string;
  categoryNameEn: string;
  peopleAhead: number;
  estimatedWait: WaitEstimate | null;
}

export interface TicketSnapshot { seq: number; scope: 'ticket'; hallId: string; at: number; hall: Pick<LiveHall, 'id' | 'name' | 'isOpen'>; ticket: CitizenTicket }

export interface CalledEvent {
  seq: number;
  hallId: string;
  number: string;
  window: string;
  windowId: string;
  category: string;
  categoryNameZh: string;
  categoryNameEn: string;
  recall: boolean;
  at: number;
}
