import { errorText, type ErrorParams, type QueueErrorCode } from '@hallq/contracts';

/**
 * Every way a queue operation can be refused: the codes live in the wire contract (libs/contracts), where
 * the api's status table and the zh/en message catalog must cover each one or fail to compile.
 */
export type { QueueErrorCode };

export class QueueError extends Error {
  constructor(
    readonly code: QueueErrorCode,
    /** The message's named parameters and extra facts (e.g. the ticket's status on an illegal transition). */
    readonly details: ErrorParams = {},
  ) {
    super(errorText(code, details, 'en'));
    this.name = 'QueueError';
  }
}

/** The one "no such hall" refusal, wherever a hall id is looked up (one id, or the list of missing ones). */
export function hallNotFound(hallId: string | readonly string[]): QueueError {
  return new QueueError('HALL_NOT_FOUND', { hallId: typeof hallId === 'string' ? hallId : hallId.join(', ') });
}
