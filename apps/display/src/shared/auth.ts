/**
 * Which credential this page sends: hall screens and kiosks a device token (given once as ?device=...
 * and kept in this browser), counter and manager pages the clerk's or manager's sign-in, citizen pages
 * none (the ticket token in the address is theirs).
 */
export type CredentialKind = 'device' | 'staff' | null;

const KEY = { device: 'hallq.deviceToken', staff: 'hallq.staffToken' } as const;
let kind: CredentialKind = null;

export function useCredential(k: CredentialKind): void {
  kind = k;
  if (k === 'device') captureDeviceToken();
}

/** The bearer token this page sends, if any. */
export function credential(): string | null {
  if (!kind) return null;
  try {
    return localStorage.getItem(KEY[kind]);
  } catch {
    return null;
  }
}

export function hasDeviceToken(): boolean {
  return kind === 'device' && !!credential();
}

export function setStaffToken(token: string | null): void {
  if (token) localStorage.setItem(KEY.staff, token);
  else localStorage.removeItem(KEY.staff);
}

/** ?device=<token> is stored and taken out of the address bar, so it is not left on screen or in history. */
function captureDeviceToken(): void {
  const url = new URL(location.href);
  const token = url.searchParams.get('device');
  if (!token) return;
  localStorage.setItem(KEY.device, token);
  url.searchParams.delete('device');
  history.replaceState(null, '', url.pathname + url.search + url.hash);
}

/** Refusal codes that mean "this credential is missing or no good", as opposed to a wrong hall id. */
export function isAuthRefusal(code: string | undefined): boolean {
  return code === 'UNAUTHENTICATED' || code === 'TOKEN_INVALID' || code === 'FORBIDDEN';
}

/** Refusals that a new sign-in can cure (as opposed to FORBIDDEN: signed in, but not for this). */
export function needsSignIn(code: string | undefined): boolean {
  return code === 'UNAUTHENTICATED' || code === 'TOKEN_INVALID';
}
