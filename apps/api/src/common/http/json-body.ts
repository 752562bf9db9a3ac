import type { NextFunction, Request, Response } from 'express';
import { errorBody } from '../errors/error-body';
import { jsonDeeperThan, MAX_JSON_DEPTH, TOO_DEEP } from './json-depth';

/** body-parser `verify` hook: runs on the raw bytes before JSON.parse and before class-transformer. */
export function refuseDeepJson(_req: unknown, _res: unknown, buf: Buffer): void {
  if (jsonDeeperThan(buf, MAX_JSON_DEPTH)) {
    throw Object.assign(new Error(`JSON body nested deeper than ${MAX_JSON_DEPTH} levels`), { status: 400, type: TOO_DEEP });
  }
}

/**
 * The api reads JSON bodies only. A body of any other type (a form post, text/plain) is refused with 415
 * before it is parsed: those are the types a web page on another site may send from a citizen's browser
 * without asking (no CORS preflight), so accepting them let any page take tickets in a hall. Requests
 * without a body (call-next, sign-out) need no Content-Type.
 */
export function requireJsonBodies(req: Request, res: Response, next: NextFunction): void {
  if (!hasBody(req) || isJson(req.headers['content-type'])) return next();
  const body = errorBody('UNSUPPORTED_MEDIA_TYPE', { contentType: req.headers['content-type'] ?? null });
  // The body is not read: the connection stays usable only if nothing more is expected of it.
  res.setHeader('Connection', 'close');
  res.status(body.statusCode).json(body);
}

function hasBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const len = req.headers['content-length'];
  return len !== undefined && len !== '0';
}

function isJson(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0].trim().toLowerCase() === 'application/json';
}
