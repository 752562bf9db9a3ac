/**
 * What a client may subscribe to on /live: one hall, one window, one ticket by its tracking token, or a
 * hall's manager feed (its alerts).
 */
export type SubscribeTarget =
  | { kind: 'hall'; id: string }
  | { kind: 'window'; id: string }
  | { kind: 'ticket'; token: string }
  | { kind: 'manager'; id: string };

export type SubscribeParse = { ok: true; target: SubscribeTarget } | { ok: false; error: string };

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Validates a `subscribe` payload at the edge. Socket payloads are whatever a client sent (a string, an
 * array, a 1 MB object), so this never throws: it answers with a message the client can show or log.
 */
export function parseSubscribe(payload: unknown): SubscribeParse {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return {
      ok: false,
      error: 'subscribe expects an object: { hall: "<hallId>" }, { window: "<windowId>" } or { ticket: "<token>" } or { manager: "<hallId>" }',
    };
  }
  const p = payload as Record<string, unknown>;
  const keys = (['hall', 'window', 'ticket', 'manager'] as const).filter((k) => p[k] !== undefined);
  if (keys.length !== 1) return { ok: false, error: 'subscribe needs exactly one of hall, window, ticket or manager' };
  const key = keys[0];
  const value = p[key];
  if (typeof value !== 'string' || !ID.test(value)) return { ok: false, error: `${key} must be an id of 1-64 letters, digits, "-" or "_"` };
  return { ok: true, target: key === 'ticket' ? { kind: 'ticket', token: value } : { kind: key, id: value } };
}
