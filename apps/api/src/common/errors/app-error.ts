import { HttpException } from '@nestjs/common';
import { errorText, type ErrorCode, type ErrorParams, type QueueErrorCode } from '@hallq/contracts';
import { ERROR_STATUS } from './error-status';

/** Codes of the api's own areas; the queue domain's codes are thrown as QueueError (libs/queue). */
export type AppErrorCode = Exclude<ErrorCode, QueueErrorCode>;

/**
 * A refusal of the api's own areas (auth, alerts, ratings, input checks): a code of the contract and its
 * parameters. The English message comes from the catalog; pages word it in their language from the code.
 * Still an HttpException, so Nest and code that checks for one treat it as before.
 */
export class AppError extends HttpException {
  constructor(
    readonly code: AppErrorCode,
    /** The message's parameters; the error body's `details`. */
    readonly details: ErrorParams = {},
  ) {
    super({ code, message: errorText(code, details, 'en'), ...(Object.keys(details).length ? { details } : {}) }, ERROR_STATUS[code]);
    this.name = 'AppError';
  }
}
