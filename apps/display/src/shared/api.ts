import { errorText, type CitizenTicketBody } from '@hallq/contracts';
import { credential, hasDeviceToken } from './auth';
import { prefs, type Lang } from './prefs';

/**
 * A refused REST call. `message` is the api's English (for the console and bug reports); what a page shows
 * is text(): the code's sentence from the contract's catalog, in the page's language.
 */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string | undefined, message: string, readonly details?: unknown) {
    super(message);
  }

  /** The refusal in the reader's language, filled from the body's details. */
  text(lang: Lang = prefs.lang): string {
    return errorText(this.code, this.details, lang);
  }
}

/** The error a failed response stands for, from its JSON body when it has one. */
function refused(r: Response, body: { code?: string; message?: string; details?: unknown } | null): ApiError {
  return new ApiError(r.status, body?.code, body?.message ?? r.statusText, body?.details);
}

export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const token = credential();
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const r = await fetch(`/api${path}`, { ...init, headers: { 'content-type': 'application/json', ...auth, ...(init.headers ?? {}) } });
  const body = r.status === 204 ? null : await r.json().catch(() => null);
  if (!r.ok) throw refused(r, body);
  return body as T;
}

/** What issuing answers: the citizen's ticket of the wire contract. */
export type IssuedTicket = CitizenTicketBody;

/**
 * Issues a ticket. The idempotency key is made once per tap and reused by every retry, so a kiosk that
 * lost the answer to a network blip gets the same ticket back, never a second one.
 */
export async function issueTicket(hallId: string, category: string, priority: 'normal' | 'priority', attempts = 4): Promise<IssuedTicket> {
  const key = newKey();
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      return await api<IssuedTicket>(`/halls/${encodeURIComponent(hallId)}/tickets`, {
        method: 'POST', headers: { 'Idempotency-Key': key }, body: JSON.stringify({ category, priority, channel: hasDeviceToken() ? 'kiosk' : 'web' }),
      });
    } catch (e) {
      last = e;
      // A refusal (closed, paused, bad input) will not change on retry; a network error or 5xx may.
      if (e instanceof ApiError && e.status < 500) throw e;
      await new Promise((r) => setTimeout(r, 400 * 2 ** i));
    }
  }
  throw last;
}

/** 128 random bits, URL-safe. Not crypto.randomUUID: that needs https, and kiosks on a hall LAN use http. */
function newKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/**
 * A download link for a protected file (the CSV report): a plain link would go without the sign-in, so
 * the click fetches it with the bearer token and hands the browser the file.
 */
export async function downloadWithSignIn(ev: Event): Promise<void> {
  const a = ev.currentTarget as HTMLAnchorElement;
  ev.preventDefault();
  const token = credential();
  const r = await fetch(a.href, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!r.ok) {
    throw refused(r, await r.json().catch(() => null));
  }
  const name = /filename="([^"]+)"/.exec(r.headers.get('content-disposition') ?? '')?.[1] ?? 'report.csv';
  const url = URL.createObjectURL(await r.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
