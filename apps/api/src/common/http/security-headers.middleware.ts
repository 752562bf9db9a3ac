import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/**
 * helmet's headers, with the two that only make sense over TLS sent only then. Halls run the pages on
 * plain-HTTP LANs (a screen opens http://10.0.0.5:3000/screen/...): there CSP's upgrade-insecure-requests
 * made the browser fetch the page's own scripts over https, which nothing serves, and the page stayed
 * blank. Strict-Transport-Security is ignored over plain HTTP anyway (RFC 6797 says not to send it).
 * "Over TLS" is Express's req.secure: the connection itself, or X-Forwarded-Proto: https from a trusted
 * proxy (HALLQ_TRUST_PROXY). `always` (HALLQ_HTTPS=always) sends both on every answer.
 */
export function securityHeaders(https: 'auto' | 'always'): (req: Request, res: Response, next: NextFunction) => void {
  const base = { crossOriginEmbedderPolicy: false } as const;
  const overTls = helmet(base);
  const plain = helmet({ ...base, strictTransportSecurity: false, contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
  return (req, res, next) => (https === 'always' || req.secure ? overTls : plain)(req, res, next);
}
