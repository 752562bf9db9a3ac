import { HttpException, HttpStatus } from '@nestjs/common';
import { errorText, type ErrorBody, type ErrorCode, type ErrorParams, type LiveRefusal } from '@hallq/contracts';
import { QueueError } from '@hallq/queue';
import { AppError } from './app-error';
import { DATABASE_RETRY_AFTER_SEC, isDatabaseUnavailable } from './database-unavailable';
import { ERROR_STATUS } from './error-status';
import { MAX_JSON_DEPTH, TOO_DEEP } from '../http/json-depth';

export type { ErrorBody };

/**
 * Any thrown value as the api's error body, for the HTTP filter and the /live filter alike: our codes by
 * the status table with the English sentence of the catalog and the parameters as `details`; Nest's own
 * HTTP errors passed through; 503 while the database cannot be reached; the rest a generic 500.
 */
export function toErrorBody(exception: unknown): ErrorBody {
  // Domain refusals always carried `details` (perhaps empty); app refusals only when they have some.
  if (exception instanceof QueueError) return coded(exception.code, exception.details, true);
  if (exception instanceof AppError) return coded(exception.code, exception.details, false);
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    // Body-parser failures arrive wrapped; say what is wrong in words a kiosk integrator understands.
    const cause = (exception as { cause?: { type?: string } }).cause;
    if (cause?.type === 'entity.parse.failed') return coded('BAD_JSON', {}, false);
    if (cause?.type === TOO_DEEP) return coded('BODY_TOO_DEEP', { maxDepth: MAX_JSON_DEPTH }, false);
    if (cause?.type === 'entity.too.large') return coded('PAYLOAD_TOO_LARGE', {}, false);
    const r = exception.getResponse();
    if (typeof r === 'string') return { statusCode: status, code: HttpStatus[status] ?? 'ERROR', message: r };
    // Structured bodies (Nest's own, or a health report) keep their fields; code and message are always there.
    const o = r as Record<string, unknown>;
    return { ...o, statusCode: status, code: String(o.code ?? HttpStatus[status] ?? 'ERROR'), message: String(o.message ?? exception.message) };
  }
  if (isDatabaseUnavailable(exception)) return databaseUnavailable();
  return coded('INTERNAL', {}, false);
}

/** The answer while the database cannot be reached (HTTP and socket alike). */
export function databaseUnavailable(): ErrorBody {
  return coded('DATABASE_UNAVAILABLE', { retryAfterSec: DATABASE_RETRY_AFTER_SEC }, true);
}

/** A refused /live subscription: the same code, English sentence and details as the REST body. */
export function toLiveRefusal(exception: unknown): LiveRefusal {
  const b = toErrorBody(exception);
  return { ok: false, error: b.message, code: b.code, ...(b.details ? { details: b.details } : {}) };
}

/** The body of a refusal answered outside Nest's filters (Express middleware ahead of the routes). */
export function errorBody(code: ErrorCode, details: ErrorParams = {}): ErrorBody {
  return coded(code, details, false);
}

function coded(code: ErrorCode, details: ErrorParams, alwaysDetails: boolean): ErrorBody {
  const has = Object.keys(details).length > 0;
  // A refusal to retry later also says when at the top level, as clients read it since before the catalog.
  const retry = typeof details.retryAfterSec === 'number' ? { retryAfterSec: details.retryAfterSec } : {};
  return {
    statusCode: ERROR_STATUS[code], code, message: errorText(code, details, 'en'), ...retry, ...(has || alwaysDetails ? { details } : {}),
  };
}
