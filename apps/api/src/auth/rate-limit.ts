import { ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerModuleOptions } from '@nestjs/throttler';
import type { Response } from 'express';
import type { AppConfig } from '../common/config/app-config';
import { AppError } from '../common/errors/app-error';
import type { AuthedRequest } from './access.guard';

export type RateLimitedAction = 'issue' | 'sign-in';
const RATE_KEY = 'hallq:rate';

/** Marks a route as rate limited (ticket issuing, sign-in); other routes are not throttled. */
export const RateLimited = (action: RateLimitedAction) => SetMetadata(RATE_KEY, action);

const MINUTE = 60_000;

/**
 * The limits: tickets per address for callers without a device (phone pages), tickets per kiosk device,
 * sign-ins per address. Signed-in staff issue without a limit (they are accountable by name).
 */
export function throttlerOptions(config: AppConfig, reflector: Reflector): ThrottlerModuleOptions {
  const action = (ctx: ExecutionContext) => reflector.getAllAndOverride<RateLimitedAction | undefined>(RATE_KEY, [ctx.getHandler(), ctx.getClass()]);
  const principal = (ctx: ExecutionContext) => ctx.switchToHttp().getRequest<AuthedRequest>().principal ?? null;
  const a = config.auth;
  return {
    throttlers: [
      {
        name: 'issue-address', ttl: MINUTE, limit: a.issuePerAddressPerMin,
        skipIf: (ctx) => action(ctx) !== 'issue' || principal(ctx) !== null,
      },
      {
        name: 'issue-device', ttl: MINUTE, limit: a.issuePerDevicePerMin,
        skipIf: (ctx) => action(ctx) !== 'issue' || principal(ctx)?.kind !== 'device',
        getTracker: (req) =>
          `device:${(req as AuthedRequest).principal?.kind === 'device' ? ((req as AuthedRequest).principal as { deviceId: string }).deviceId : ''}`,
      },
      { name: 'sign-in', ttl: MINUTE, limit: a.signInPerAddressPerMin, skipIf: (ctx) => action(ctx) !== 'sign-in' },
    ],
  };
}

/** @nestjs/throttler's guard with the standard Retry-After header and a message a person can act on. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(ctx: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const res = ctx.switchToHttp().getResponse<Response>();
    const wait = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    res.setHeader('Retry-After', String(wait));
    throw new AppError('RATE_LIMITED', { limit: detail.limit, retryAfterSec: wait });
  }
}
