import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Registry } from 'prom-client';
import type { ErrorBody } from '../common/errors/http-exception.filter';

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
      const message = 'Metrics are off here: set HALLQ_METRICS_TOKEN and scrape /metrics with it as a bearer token (README, "The HTTP edge").';
      return refuse(res, { statusCode: 404, code: 'METRICS_OFF', message });
    }
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!m || !timingSafeEqual(digest(m[1]), expected)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      const message = 'Send "Authorization: Bearer <HALLQ_METRICS_TOKEN>" to read the metrics.';
      return refuse(res, { statusCode: 401, code: 'METRICS_TOKEN_REQUIRED', message });
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
