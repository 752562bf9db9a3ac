import type { IncomingMessage } from 'node:http';
import { errorText } from '@hallq/contracts';

/** The error a refused client gets as `connect_error` (err.message, and err.data.code for programs). */
export interface TooManyConnections extends Error {
  data: { code: 'TOO_MANY_CONNECTIONS'; max: number };
}

/** The parts of a socket.io Server this needs (typed loosely: @nestjs/platform-socket.io carries its own socket.io). */
interface EngineConnection {
  request: IncomingMessage;
  readyState: string;
  once(event: 'close', fn: () => void): unknown;
  close(): unknown;
}
interface NamespaceLike {
  use(fn: (socket: { conn: EngineConnection }, next: (err?: Error) => void) => void): unknown;
}
export interface IoServerLike {
  engine: { on(event: 'connection', fn: (conn: EngineConnection) => void): unknown };
  of(name: string): NamespaceLike;
  on(event: 'new_namespace', fn: (ns: NamespaceLike) => void): unknown;
}

/** A refused connection that never asks for a namespace is closed after this long (not socket.io's 45 s). */
const REFUSED_GRACE_MS = 2_000;

/**
 * Caps the connections one address holds on this instance. Counted per engine.io connection (what holds
 * a socket and memory), keyed by the client's address as `addressOf` sees it (behind a trusted proxy, the
 * forwarded one). A connection beyond the cap is let through the handshake only to be told why: its
 * namespace connect is refused with a `connect_error` the client can show, then it is closed.
 */
export function capConnectionsPerAddress(server: IoServerLike, max: number, addressOf: (req: IncomingMessage) => string): void {
  const counts = new Map<string, number>();
  const refused = new WeakSet<EngineConnection>();
  server.engine.on('connection', (conn) => {
    const address = addressOf(conn.request);
    const n = counts.get(address) ?? 0;
    if (n >= max) {
      refused.add(conn);
      setTimeout(() => conn.close(), REFUSED_GRACE_MS).unref();
      return;
    }
    counts.set(address, n + 1);
    conn.once('close', () => {
      const left = (counts.get(address) ?? 1) - 1;
      if (left > 0) counts.set(address, left);
      else counts.delete(address);
    });
  });
  const guard = (ns: NamespaceLike) => ns.use((socket, next) => {
    if (!refused.has(socket.conn)) return next();
    next(tooMany(max));
    // After the CONNECT_ERROR packet is written (socket.io sends it on the next tick); close waits for it to drain.
    setImmediate(() => socket.conn.close());
  });
  guard(server.of('/'));
  server.on('new_namespace', guard);
}

function tooMany(max: number): TooManyConnections {
  const e = new Error(errorText('TOO_MANY_CONNECTIONS', { max }, 'en')) as TooManyConnections;
  e.data = { code: 'TOO_MANY_CONNECTIONS', max };
  return e;
}
