import { CanActivate, ExecutionContext, Injectable, Logger, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ACCESS_KEY } from './access.decorator';
import { decideAccess, type AccessLevel } from './access-policy';
import { AuthErrors } from './auth-errors';
import { CredentialsService } from './credentials.service';
import type { Principal } from './principal';

export type AuthedRequest = Request & { principal?: Principal | null };

/**
 * The one place REST access is decided: resolves the bearer token, then applies the route's @Access
 * level to the hall and window in its path. Routes without a level are refused.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly credentials: CredentialsService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true; // /live checks each subscription itself (LiveGateway)
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const level = this.reflector.getAllAndOverride<AccessLevel | undefined>(ACCESS_KEY, [ctx.getHandler(), ctx.getClass()]);
    req.principal = await this.credentials.resolve(CredentialsService.bearer(req.headers.authorization));
    if (!level) {
      this.logger.error(`${req.method} ${req.route?.path ?? req.path} has no @Access level; refusing`);
      throw AuthErrors.noRule();
    }
    const params = req.params as Record<string, string | undefined>;
    const decision = decideAccess(level, req.principal, { hallId: params.hallId, windowId: params.windowId });
    if (decision === 'unauthenticated') throw AuthErrors.unauthenticated();
    if (decision === 'forbidden') throw AuthErrors.forbidden(level);
    return true;
  }
}

/** The caller, as resolved by AccessGuard (null when anonymous). */
export const Caller = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal | null => ctx.switchToHttp().getRequest<AuthedRequest>().principal ?? null,
);
