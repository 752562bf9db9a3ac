import type { QueueErrorCode } from '@hallq/queue';

/** The one table from domain error codes to HTTP statuses, used by the HTTP and the socket filters. */
export const ERROR_STATUS: Record<QueueErrorCode, number> = {
  HALL_NOT_FOUND: 404,
  CATEGORY_NOT_FOUND: 404,
  WINDOW_NOT_FOUND: 404,
  TICKET_NOT_FOUND: 404,
  ALERT_NOT_FOUND: 404,
  ILLEGAL_TRANSITION: 409,
  WINDOW_NOT_OPEN: 409,
  WINDOW_BUSY: 409,
  WINDOW_IDLE: 409,
  CATEGORY_NOT_SERVED: 409,
  CATEGORY_PAUSED: 409,
  HALL_CLOSED: 409,
  DUPLICATE: 409,
  IDEMPOTENCY_MISMATCH: 422,
  INVALID_INPUT: 400,
};
