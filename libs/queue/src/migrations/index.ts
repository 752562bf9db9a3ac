import { InitialSchema1764300000000 } from './1764300000000-initial-schema';
import { AuditLog1764400000000 } from './1764400000000-audit-log';
import { Ratings1764500000000 } from './1764500000000-ratings';
import { Alerts1764600000000 } from './1764600000000-alerts';
import { TicketDayIndex1764700000000 } from './1764700000000-ticket-day-index';
import { EventActor1764860000000 } from './1764860000000-event-actor';
import { LineHeadIndex1764870000000 } from './1764870000000-line-head-index';
import { ExactTicketKeys1764880000000 } from './1764880000000-exact-ticket-keys';

/**
 * The queue's migrations, in order (apps/api adds the job lock's and sign-in's). Listed by class so the same
 * list works from ts (tests) and the build.
 */
export const QUEUE_MIGRATIONS = [
  InitialSchema1764300000000, AuditLog1764400000000, Ratings1764500000000, Alerts1764600000000, TicketDayIndex1764700000000,
  EventActor1764860000000, LineHeadIndex1764870000000, ExactTicketKeys1764880000000,
];
