import type { AccessLevel } from './access-policy';
import { AppError } from '../common/errors/app-error';

/** Auth refusals: codes of the contract, worded in its catalog (libs/contracts/src/error-messages.ts). */
export const AuthErrors = {
  unauthenticated: () => new AppError('UNAUTHENTICATED'),
  badToken: () => new AppError('TOKEN_INVALID'),
  badCredentials: () => new AppError('SIGN_IN_FAILED'),
  locked: (retryAfterSec: number) => new AppError('ACCOUNT_LOCKED', { minutes: Math.ceil(retryAfterSec / 60), retryAfterSec }),
  /** `needs`: the access level the route asks for; the catalog says it in words. */
  forbidden: (needs: AccessLevel | string) => new AppError('FORBIDDEN', { needs }),
  noRule: () => new AppError('NO_ACCESS_RULE'),
};
