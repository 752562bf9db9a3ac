import { AlertEntity } from './alert.entity';
import { AuditEntryEntity } from './audit-entry.entity';
import { HallEntity } from './hall.entity';
import { RatingEntity } from './rating.entity';
import { ServiceCategoryEntity } from './service-category.entity';
import { TicketCounterEntity } from './ticket-counter.entity';
import { TicketEventEntity } from './ticket-event.entity';
import { TicketEntity } from './ticket.entity';
import { WindowEntity } from './window.entity';

export { AlertEntity, AuditEntryEntity, HallEntity, RatingEntity, ServiceCategoryEntity, TicketCounterEntity, TicketEventEntity, TicketEntity, WindowEntity };
export { WINDOW_STATES, type WindowState } from './window.entity';
export { RATING_REASONS, type RatingReason, type RatingSource } from './rating.entity';
export type { AlertScope } from './alert.entity';
export { epochMs } from './column-types';

export const QUEUE_ENTITIES = [
  HallEntity,
  ServiceCategoryEntity,
  WindowEntity,
  TicketEntity,
  TicketEventEntity,
  TicketCounterEntity,
  AuditEntryEntity,
  AlertEntity,
  RatingEntity,
];
