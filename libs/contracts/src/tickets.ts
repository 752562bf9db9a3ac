import type { PriorityClass, TicketStatus, WaitEstimate } from './live';

/** REST bodies of tickets (OpenAPI at /api/docs-json); the api's response DTOs implement these. */

export type TicketChannel = 'kiosk' | 'web' | 'appointment';

/**
 * A ticket as staff routes, screens and kiosks see it (times: epoch ms): never its tracking token, which
 * goes only to whoever took the ticket (TrackedTicketBody, the issue answer).
 */
export interface TicketBody {
  id: string;
  hallId: string;
  number: string;
  category: string;
  categoryId: string;
  priority: PriorityClass;
  channel: TicketChannel;
  status: TicketStatus;
  serviceDay: string;
  issuedAt: number;
  calledAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  windowId: string | null;
  windowLabel: string | null;
  targetWindowId: string | null;
  recallCount: number;
  transferCount: number;
}

/** A ticket with its tracking token, its place in line and its phone page: only for whoever took it. */
export interface TrackedTicketBody extends TicketBody {
  /** Unguessable tracking token for the phone page /t/<token>. */
  token: string;
  peopleAhead: number;
  estimatedWait: WaitEstimate | null;
  trackPath: string;
}

/** The citizen's ticket: the answer of `POST /halls/:hallId/tickets` and `GET /tickets/:token`. */
export interface CitizenTicketBody extends TrackedTicketBody {
  hallName: string;
  categoryNameZh: string;
  categoryNameEn: string;
  /** What to bring. */
  materials: string[];
}
