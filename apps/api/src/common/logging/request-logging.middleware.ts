import { randomUUID } from 'node:crypto';
import { Injectable, Logger, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { actorName, type Principal } from '../../auth/principal';
import { MetricsService } from '../../metrics/metrics.service';

/**
 * One line per API request: method, path, status, milliseconds, who asked (username or device, never a
 * token) and a request id (taken from the X-Request-Id header or made here, and echoed back). Ticket tracking tokens in paths are masked:
 * they are the citizen's key to the phone page. Latency per route goes to the metrics too.
 */
@Injectable()
export class RequestLoggingMiddleware implements NestMiddleware {
  private readonly logger = new Logger('HTTP');

  constructor(private readonly metrics: MetricsService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    const header = req.headers['x-request-id'];
    const id = typeof header === 'string' && /^[\w.-]{1,64}$/.test(header) ? header : randomUUID();
    res.setHeader('X-Request-Id', id);
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // An object: the JSON logger keeps its fields; the text logger prints it as JSON too.
      const who = (req as { principal?: Principal | null }).principal;
      const line = {
        requestId: id,
        method: req.method,
        path: maskTokens(req.originalUrl),
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
        who: actorName(who),
      };
      // The route pattern, not the URL: ids and tokens would make a label per request.
      const route = req.route?.path ? `${req.baseUrl ?? ''}${req.route.path}` : 'unmatched';
      this.metrics.observeHttp(req.method, route, res.statusCode, ms / 1000);
      if (res.statusCode >= 500) this.logger.error(line);
      else this.logger.verbose(line);
    });
    next();
  }
}

export function maskTokens(url: string): string {
  return url.replace(/\/tickets\/[A-Za-z0-9_-]{16,}/, '/tickets/***').replace(/\/t\/[A-Za-z0-9_-]{16,}/, '/t/***');
}
