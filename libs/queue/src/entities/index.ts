import { HallEntity } from './hall.entity';
import { ServiceCategoryEntity } from './service-category.entity';
import { TicketCounterEntity } from './ticket-counter.entity';
import { TicketEventEntity } from './ticket-event.entity';
import { TicketEntity } from './ticket.entity';
import { WindowEntity } from './window.entity';

export { HallEntity, ServiceCategoryEntity, TicketCounterEntity, TicketEventEntity, TicketEntity, WindowEntity };
export { WINDOW_STATES, type WindowState } from './window.entity';
export { epochMs } from './column-types';

export const QUEUE_ENTITIES = [
  HallEntity,
  ServiceCategoryEntity,
  WindowEntity,
  TicketEntity,
  TicketEventEntity,
  TicketCounterEntity,
];
