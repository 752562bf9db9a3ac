import { io, type Socket } from 'socket.io-client';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;
export interface Answer {
  status: number;
  body: Json;
}

/**
 * REST and /live as the spawned admin, for tests that drive built api processes (every instance
 * accepts its sign-in: one signing secret, one database). Arrow properties, so they can be destructured.
 */
export class AdminClient {
  /** Set once the instances are up (ApiProcess.auth). */
  auth: { authorization: string } = { authorization: '' };

  get token(): string {
    return this.auth.authorization.slice('Bearer '.length);
  }

  post = async (base: string, path: string, body: unknown = {}, headers: Record<string, string> = {}): Promise<Answer> => {
    const r = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.auth, ...headers },
      body: JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : {} };
  };

  get = async (base: string, path: string): Promise<Json> => {
    const r = await fetch(`${base}${path}`, { headers: this.auth });
    if (!r.ok) throw new Error(`GET ${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as Json;
  };

  /** The answer's body when it has `status`, else an error naming both. */
  ok = async (p: Promise<Answer>, status: number): Promise<Json> => {
    const r = await p;
    if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  };

  /** A live client: subscribes on every (re)connect, records every `called`, the last snapshot and the acks. */
  listener = (url: string, subscription: Json): LiveListener => {
    const socket: Socket = io(`${url}/live`, { auth: { token: this.token }, transports: ['websocket'], forceNew: true });
    const state: LiveListener = { socket, called: [], last: null, acks: [] };
    socket.on('connect', () => socket.emit('subscribe', subscription, (a: Json) => state.acks.push(a)));
    socket.on('snapshot', (s: Json) => (state.last = s));
    socket.on('called', (c: Json) => state.called.push(c));
    return state;
  };
}

export interface LiveListener {
  socket: Socket;
  called: Json[];
  last: Json | null;
  acks: Json[];
}

/** Polls `cond` every 50 ms until it holds; fails naming `what` after `ms`. */
export async function until(what: string, cond: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
