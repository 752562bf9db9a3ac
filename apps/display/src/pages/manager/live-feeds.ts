import { needsSignIn } from '../../shared/auth';
import { subscribeLive } from '../../shared/live-client';
import { signOut } from '../../shared/sign-in';
import type { AlertChange } from './alerts-panel';
import type { Desk } from './desk';
import type { Alert } from './manager-types';

/**
 * The page's two /live subscriptions. The hall one only says that something changed (`changed`) and
 * whether the page is live (`connChanged`, after `desk.conn` is set); the details come from the REST
 * reads. The manager feed pushes the open alerts on every (re)connect, then each change as the api
 * makes it; no polling.
 */
export function followHall(desk: Desk, on: {
  changed(): void;
  connChanged(): void;
  alerts(list: Alert[]): void;
  alert(e: AlertChange): void;
}): void {
  subscribeLive<{ at: number }>({ hall: desk.hallId }, {
    snapshot: () => on.changed(),
    state: (s) => {
      desk.conn = s;
      on.connChanged();
    },
    refused: (error, code) => (needsSignIn(code) ? void signOut() : desk.say({ kind: 'error', text: error })),
  }, { staleAfterMs: 75_000 });
  subscribeLive<never>({ manager: desk.hallId }, {
    snapshot: () => undefined,
    state: () => undefined,
    refused: (error) => desk.say({ kind: 'error', text: error }),
    events: {
      alerts: (s: { alerts: Alert[] }) => on.alerts(s.alerts),
      alert: on.alert,
    },
  });
}

/**
 * `fn` at most once every `ms`, whatever the rate of calls: a call inside the pause runs once at its
 * end. Snapshots can come 4 times a second in a busy hall; the REST reads follow much slower.
 */
export function throttle(fn: () => Promise<void>, ms: number): () => void {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  return () => {
    if (timer) return;
    const wait = Math.max(0, last + ms - Date.now());
    timer = setTimeout(() => {
      timer = null;
      last = Date.now();
      void fn();
    }, wait);
  };
}
