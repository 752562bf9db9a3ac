import { ForbiddenException, HttpException, HttpStatus, UnauthorizedException } from '@nestjs/common';

/** Auth refusals in the api's error shape: a code for programs, a sentence for people. */
export const AuthErrors = {
  unauthenticated: () => new UnauthorizedException({
    code: 'UNAUTHENTICATED',
    message: 'Sign in first: send "Authorization: Bearer <token>" with a staff sign-in token or a device token.',
  }),
  badToken: () => new UnauthorizedException({
    code: 'TOKEN_INVALID',
    message: 'This sign-in or device token is not valid any more (signed out, expired or revoked); sign in again or ask a manager for a new device token.',
  }),
  badCredentials: () => new UnauthorizedException({ code: 'SIGN_IN_FAILED', message: 'Wrong username or password.' }),
  locked: (retryAfterSec: number) => new HttpException({
    code: 'ACCOUNT_LOCKED',
    message: `Too many failed sign-ins for this username from here: try again in ${Math.ceil(retryAfterSec / 60)} minute(s), or ask an admin to unlock it.`,
    retryAfterSec,
  }, HttpStatus.TOO_MANY_REQUESTS),
  forbidden: (needs: string) => new ForbiddenException({ code: 'FORBIDDEN', message: `You may not do this here: it needs ${describe(needs)}.` }),
  noRule: () => new ForbiddenException({ code: 'NO_ACCESS_RULE', message: 'This route has no access rule yet, so it is closed.' }),
};

function describe(level: string): string {
  switch (level) {
    case 'admin': return 'an admin';
    case 'hall-manager': return "a manager of this hall";
    case 'hall-staff': return 'staff of this hall';
    case 'window-clerk': return 'a clerk of this window or a manager of its hall';
    case 'hall-viewer': return "staff or a registered screen or kiosk of this hall";
    case 'hall-kiosk': return 'staff or a registered kiosk of this hall';
    default: return 'a signed-in member of staff';
  }
}
