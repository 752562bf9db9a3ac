import { errorText, type CalledEvent, type SubscribeAck, type SubscribeRequest } from '@hallq/contracts';
import { io, type Socket } from 'socket.io-client';
import { credential } from './auth';
import { prefs } from './prefs';

export type ConnectionState = 'connecting' | 'live' | 'offline';

export interface LiveHandlers<S> {
  snapshot(s: S): void;
  called?(e: CalledEvent): void;
  state(s: ConnectionState): void;
  /** The server refused the subscription (unknown hall or token): retrying will not help. `text`: why, in the page's language. */
  refused(text: string, code?: string): void;
  /** Other server events of this subscription (the manager feed's `alerts` and `alert`). */
  events?: Record<string, (payload: any) => void>;
}

/**
 * One /live subscription that survives anything: socket.io reconnects with backoff forever (its
 * heartbeat notices a dead connection), and every (re)connect subscribes again, so a screen gets a
 * fresh snapshot after an api restart by itself. With `staleAfterMs` (hall subscriptions, which get a
 * snapshot at least every 30 s) a connection that is up but silent that long is restarted too.
 */
export function subscribeLive<S>(
  target: SubscribeRequest,
  on: LiveHandlers<S>,
  opts: { staleAfterMs?: number } = {},
): Socket {
  // auth is read on every (re)connect, so a new sign-in is used without reloading.
  const socket = io('/live', {
    transports: ['websocket', 'polling'], reconnectionDelay: 500, reconnectionDelayMax: 5000,
    auth: (cb) => cb({ token: credential() ?? '' }),
  });
  on.state('connecting');
  socket.on('connect', () => {
    socket.timeout(10_000).emit('subscribe', target, (err: Error | null, ack?: SubscribeAck) => {
      if (err) return socket.disconnect().connect(); // no answer: start over
      if (ack?.ok) return on.state('live');
      on.refused(errorText(ack?.code, ack?.details, prefs.lang), ack?.code);
    });
  });
  socket.on('disconnect', (reason) => {
    on.state('offline');
    // socket.io retries by itself except after the server hung up (e.g. a revoked device): try once
    // more after a pause, so the page learns why from the refused subscribe.
    if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 1_000);
  });
  socket.on('connect_error', () => on.state('offline'));
  let heard = Date.now();
  socket.on('snapshot', (s: S) => {
    heard = Date.now();
    on.snapshot(s);
  });
  if (on.called) socket.on('called', on.called);
  for (const [event, fn] of Object.entries(on.events ?? {})) socket.on(event, fn);
  if (opts.staleAfterMs) {
    const limit = opts.staleAfterMs;
    setInterval(() => {
      if (socket.connected && Date.now() - heard > limit) {
        heard = Date.now();
        socket.disconnect().connect();
      }
    }, Math.min(15_000, limit));
  }
  return socket;
}
