/**
 * Every way a queue operation can be refused. The api maps each code to an HTTP status in one table
 * (apps/api/src/common/errors), so adding a code here fails to compile until it is mapped there.
 */
export type QueueErrorCode =
  | 'HALL_NOT_FOUND'
  | 'CATEGORY_NOT_FOUND'
  | 'WINDOW_NOT_FOUND'
  | 'TICKET_NOT_FOUND'
  | 'ALERT_NOT_FOUND'
  | 'ILLEGAL_TRANSITION'
  | 'WINDOW_NOT_OPEN'
  | 'WINDOW_BUSY'
  | 'WINDOW_IDLE'
  | 'CATEGORY_NOT_SERVED'
  | 'CATEGORY_PAUSED'
  | 'HALL_CLOSED'
  | 'DUPLICATE'
  | 'IDEMPOTENCY_MISMATCH'
  | 'INVALID_INPUT';

export class QueueError extends Error {
  constructor(
    readonly code: QueueErrorCode,
    message: string,
    /** Extra facts for the caller, e.g. the ticket's current status on an illegal transition. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'QueueError';
  }
}
