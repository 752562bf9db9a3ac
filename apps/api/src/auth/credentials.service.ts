import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { fetchCurrent } from '@hallq/queue/infrastructure';
import { LRUCache } from 'lru-cache';
import { AuthErrors } from './auth-errors';
import { DevicesRepository } from './devices.repository';
import type { Principal } from './principal';
import { StaffAccountsRepository } from './staff-accounts.repository';

/** Device tokens start with this, so a leaked one is recognisable (and staff tokens are JWTs). */
export const DEVICE_TOKEN_PREFIX = 'hqd_';
/** How long a resolved token is trusted before the database is asked again: a revocation or sign-out
 * on another instance takes effect within this (plus one lookup); on the same instance at once. */
const CACHE_MS = 5_000;
const CACHE_MAX = 10_000;

export const STAFF_JWT = Symbol('STAFF_JWT');

interface StaffClaims { sub: string; sid: string; typ: 'staff' }

/** Turns a bearer token into a Principal: the one place tokens are checked, for REST and /live alike. */
@Injectable()
export class CredentialsService {
  /**
   * Concurrent requests with one token share one lookup, and an answer that has only aged is used while
   * it is looked up again: otherwise every kiosk request arriving during the lookup after each expiry
   * repeated it (a burst of queries every 5 s under load).
   */
  private readonly cache = new LRUCache<string, { principal: Principal | null }>({
    max: CACHE_MAX,
    ttl: CACHE_MS,
    allowStale: true,
    fetchMethod: async (token) => ({ principal: token.startsWith(DEVICE_TOKEN_PREFIX) ? await this.device(token) : await this.staff(token) }),
  });

  constructor(
    @Inject(STAFF_JWT) private readonly jwt: JwtService,
    private readonly devices: DevicesRepository,
    private readonly accounts: StaffAccountsRepository,
  ) {}

  /** The bearer token of an Authorization header, or undefined when there is none. */
  static bearer(header: string | string[] | undefined): string | undefined {
    const h = Array.isArray(header) ? header[0] : header;
    if (!h) return undefined;
    const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
    return m ? m[1] : h.trim() || undefined;
  }

  /** null = no token; a token that does not check out throws 401 (even on public routes, so a revoked
   * kiosk learns it at once instead of silently acting as an anonymous phone). */
  async resolve(token: string | undefined): Promise<Principal | null> {
    if (!token) return null;
    const { principal } = await fetchCurrent(this.cache, token);
    if (!principal) throw AuthErrors.badToken();
    return principal;
  }

  /** Drop cached answers at once (sign-out, revoke, account change on this instance). */
  forget(): void {
    this.cache.clear();
  }

  signStaffToken(accountId: string, sessionId: string, expiresAt: number): string {
    const claims: StaffClaims = { sub: accountId, sid: sessionId, typ: 'staff' };
    return this.jwt.sign({ ...claims, exp: Math.floor(expiresAt / 1000) });
  }

  static newDeviceToken(): { token: string; hash: string } {
    const token = `${DEVICE_TOKEN_PREFIX}${randomBytes(24).toString('base64url')}`;
    return { token, hash: CredentialsService.hashDeviceToken(token) };
  }

  static hashDeviceToken(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }

  private async device(token: string): Promise<Principal | null> {
    const d = await this.devices.findActiveByTokenHash(CredentialsService.hashDeviceToken(token));
    return d ? { kind: 'device', deviceId: d.id, device: d.kind, hallId: d.hallId, label: d.label } : null;
  }

  private async staff(token: string): Promise<Principal | null> {
    let claims: StaffClaims;
    try {
      claims = this.jwt.verify<StaffClaims>(token);
    } catch {
      return null;
    }
    if (claims.typ !== 'staff' || typeof claims.sid !== 'string' || typeof claims.sub !== 'string') return null;
    const session = await this.accounts.findSession(claims.sid, claims.sub);
    if (!session || session.revokedAt !== null || session.expiresAt <= Date.now()) return null;
    const a = await this.accounts.findById(claims.sub);
    if (!a || a.disabled) return null;
    return { kind: 'staff', accountId: a.id, username: a.username, role: a.role, hallIds: a.hallIds, windowIds: a.windowIds, sessionId: session.id };
  }
}
