import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DATABASE_RETRY_AFTER_SEC } from './database-unavailable';
import { describeFailure } from './describe-failure';
import { toErrorBody } from './error-body';

/**
 * Every REST error as the api's body (error-body.ts): Retry-After while the database cannot be reached,
 * one warning line for that, a logged stack for the rest of the 5xx.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = toErrorBody(exception);
    if (body.code === 'DATABASE_UNAVAILABLE') {
      // Expected during an outage: one line, no stack; /health/ready says the same to the load balancer.
      this.logger.warn(`database unavailable: ${describeFailure(exception)}`);
      res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SEC));
    } else if (body.statusCode >= 500) {
      this.logger.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
    }
    res.status(body.statusCode).json(body);
  }
}
