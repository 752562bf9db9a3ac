import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Registry } from 'prom-client';
import { errorBody, type ErrorBody } from '../common/errors/error-body';

/**
 * GET /metrics, the Prometheus scrape, for the holder of HALLQ_METRICS_TOKEN only (sent as
 * `Authorization: Bearer <token>`, Prometheus's `authorization: { credentials }`). The metrics name halls,
 * categories and channels with their ticket counts, so they are nobody else's business; without a token
 * configured the endpoint is off. Plain Express, ahead of Nest's guard: the scrape token is not a staff or
 * device token, and the guard would refuse it as one.
 */
export function metricsScrape(token: string | null, registry: Registry): (req: Request, res: Response, next: NextFunction) => void {
  const expected = token === null ? null : digest(token);
  return (req, res, next) => {
    if (req.path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    if (expected === null) {
      return refuse(res, errorBody('METRICS_OFF'));
    }
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!m || !timingSafeEqual(digest(m[1]), expected)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      return refuse(res, errorBody('METRICS_TOKEN_REQUIRED'));
    }
    registry.metrics().then((text) => {
      res.setHeader('Content-Type', registry.contentType);
      res.setHeader('Cache-Control', 'no-store');
      res.send(text);
    }, next);
  };
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

function refuse(res: Response, body: ErrorBody): void {
  res.status(body.statusCode).json(body);
}
