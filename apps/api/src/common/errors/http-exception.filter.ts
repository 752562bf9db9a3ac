import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { QueueError } from '@hallq/queue';
import type { Response } from 'express';
import { DATABASE_RETRY_AFTER_SEC, isDatabaseUnavailable } from './database-unavailable';
import { ERROR_STATUS } from './error-status';
import { MAX_JSON_DEPTH, TOO_DEEP } from '../http/json-depth';

/** The JSON body of every error: a code for programs, a message for people, details where useful. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}

/**
 * Maps domain errors by the status table, passes Nest's HTTP errors through, answers 503 with
 * Retry-After while the database cannot be reached, and hides the rest as 500.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = toErrorBody(exception);
    if (body.code === 'DATABASE_UNAVAILABLE') {
      // Expected during an outage: one line, no stack; /health/ready says the same to the load balancer.
      this.logger.warn(`database unavailable: ${describe(exception)}`);
      res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SEC));
    } else if (body.statusCode >= 500) {
      this.logger.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
    }
    res.status(body.statusCode).json(body);
  }
}

export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof QueueError) {
    return { statusCode: ERROR_STATUS[exception.code], code: exception.code, message: exception.message, details: exception.details };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    // Body-parser failures arrive wrapped; say what is wrong in words a kiosk integrator understands.
    const cause = (exception as { cause?: { type?: string } }).cause;
    if (cause?.type === 'entity.parse.failed') return { statusCode: 400, code: 'BAD_JSON', message: 'The request body is not valid JSON.' };
    if (cause?.type === TOO_DEEP) return tooDeepBody();
    if (cause?.type === 'entity.too.large') return { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large (64 KB at most).' };
    const r = exception.getResponse();
    if (typeof r === 'string') return { statusCode: status, code: HttpStatus[status] ?? 'ERROR', message: r };
    // Structured bodies (ours, or a health report) keep their fields; code and message are always there.
    const o = r as Record<string, unknown>;
    return { ...o, statusCode: status, code: String(o.code ?? HttpStatus[status] ?? 'ERROR'), message: String(o.message ?? exception.message) };
  }
  if (isDatabaseUnavailable(exception)) return databaseUnavailable();
  return { statusCode: 500, code: 'INTERNAL', message: 'Something went wrong on our side; please try again.' };
}

/** The 400 for a body refused before parsing for nesting too deep (refuseDeepJson). */
function tooDeepBody(): ErrorBody {
  return {
    statusCode: 400,
    code: 'BODY_TOO_DEEP',
    message: `The request body nests objects or arrays more than ${MAX_JSON_DEPTH} levels deep; send the flat JSON object docs/api.md shows for this route.`,
  };
}

/** The answer while the database cannot be reached (HTTP and socket alike). */
export function databaseUnavailable(): ErrorBody {
  return {
    statusCode: 503,
    code: 'DATABASE_UNAVAILABLE',
    message: `The service cannot reach its database right now; please try again in ${DATABASE_RETRY_AFTER_SEC} seconds. `
      + 'Nothing is saved twice: a ticket request retried with the same Idempotency-Key returns the same ticket.',
    details: { retryAfterSec: DATABASE_RETRY_AFTER_SEC },
  };
}

function describe(e: unknown): string {
  const o = e as { code?: string; message?: string; driverError?: { code?: string; message?: string } };
  const d = o?.driverError ?? o;
  return [d?.code, d?.message ?? String(e)].filter(Boolean).join(' ');
}
