import type { Principal } from './principal';

/**
 * Every route and every live subscription names one of these; the guard decides by this table alone.
 * - public: anyone (the citizen's pages; the ticket token is the credential where one is needed)
 * - signed-in: any member of staff
 * - admin: admins only
 * - hall-manager: an admin, or a manager of the route's hall
 * - hall-staff: a hall-manager, or a clerk with a window in the hall
 * - window-clerk: a hall-manager, or a clerk of the route's window
 * - hall-viewer: hall-staff, or a kiosk or screen of the hall (read-only views of the line)
 * - hall-kiosk: hall-staff, or a kiosk of the hall (issuing tickets on its behalf)
 */
export type AccessLevel = 'public' | 'signed-in' | 'admin' | 'hall-manager' | 'hall-staff' | 'window-clerk' | 'hall-viewer' | 'hall-kiosk';

export const ACCESS_LEVELS: readonly AccessLevel[] = [
  'public', 'signed-in', 'admin', 'hall-manager', 'hall-staff', 'window-clerk', 'hall-viewer', 'hall-kiosk',
];

/** What a request is about: the hall and window in its path, when it has them. */
export interface AccessScope {
  hallId?: string;
  windowId?: string;
}

export type AccessDecision = 'allow' | 'unauthenticated' | 'forbidden';

export function decideAccess(level: AccessLevel, who: Principal | null, scope: AccessScope): AccessDecision {
  if (level === 'public') return 'allow';
  if (!who) return 'unauthenticated';
  return allows(level, who, scope) ? 'allow' : 'forbidden';
}

function allows(level: Exclude<AccessLevel, 'public'>, who: Principal, scope: AccessScope): boolean {
  if (who.kind === 'device') {
    const ownHall = scope.hallId !== undefined && scope.hallId === who.hallId && scope.windowId === undefined;
    if (level === 'hall-viewer') return ownHall;
    if (level === 'hall-kiosk') return ownHall && who.device === 'kiosk';
    return false;
  }
  if (who.role === 'admin') return true;
  switch (level) {
    case 'signed-in':
      return true;
    case 'admin':
      return false;
    case 'hall-manager':
      return isManagerOf(who, scope);
    case 'hall-staff':
    case 'hall-viewer':
    case 'hall-kiosk':
      return isManagerOf(who, scope) || (who.role === 'clerk' && scope.hallId !== undefined && who.hallIds.includes(scope.hallId));
    case 'window-clerk':
      return isManagerOf(who, scope) || (who.role === 'clerk' && scope.windowId !== undefined && who.windowIds.includes(scope.windowId)
        && (scope.hallId === undefined || who.hallIds.includes(scope.hallId)));
  }
}

function isManagerOf(who: Principal & { kind: 'staff' }, scope: AccessScope): boolean {
  return who.role === 'manager' && scope.hallId !== undefined && who.hallIds.includes(scope.hallId);
}
