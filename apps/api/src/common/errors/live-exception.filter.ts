import { ArgumentsHost, Catch, Logger, type WsExceptionFilter } from '@nestjs/common';
import type { Socket } from 'socket.io';
import { describeFailure } from './describe-failure';
import { toErrorBody, toLiveRefusal } from './error-body';
import { valueDeeperThan } from '../http/json-depth';

/** Requests echoed in an `error` event only up to this size, so a client cannot make the server echo a flood. */
const ECHO_MAX_CHARS = 200;

/**
 * What escapes a /live handler, answered as the gateway answers a refusal (docs/live.md): the
 * acknowledgement `{ ok: false, error, code, details }` and the same as an `error` event with the request.
 * The mapping is error-body.ts's, shared with the HTTP filter.
 */
@Catch()
export class LiveExceptionFilter implements WsExceptionFilter {
  private readonly logger = new Logger('LiveErrors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ws = host.switchToWs();
    const socket = ws.getClient<Socket>();
    const request = ws.getData<unknown>();
    const ack = host.getArgs().find((a, i) => i > 1 && typeof a === 'function') as ((r: unknown) => void) | undefined;
    const refusal = liveRefusalLogged(exception, this.logger);
    ack?.(refusal);
    socket.emit('error', { ...refusal, ok: undefined, request: echo(request) });
  }
}

/** toLiveRefusal, logging what an operator should see (an outage in one line, a bug with its stack). */
export function liveRefusalLogged(exception: unknown, logger: Logger) {
  const refusal = toLiveRefusal(exception);
  const status = toErrorBody(exception).statusCode;
  if (refusal.code === 'DATABASE_UNAVAILABLE') logger.warn(`database unavailable: ${describeFailure(exception)}`);
  else if (status >= 500) logger.error(`live request failed: ${exception instanceof Error ? exception.stack ?? exception.message : String(exception)}`);
  return refusal;
}

export function echo(request: unknown): unknown {
  // Depth first: JSON.stringify overflows its stack on a payload nested thousands of levels deep.
  if (valueDeeperThan(request, 8)) return undefined;
  return (JSON.stringify(request ?? null)?.length ?? 0) <= ECHO_MAX_CHARS ? request : undefined;
}
