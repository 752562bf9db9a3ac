import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ErrorReason } from '@hallq/contracts';
import { QueueError, hallNotFound } from '@hallq/queue';
import { Subject } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { AppError } from '../common/errors/app-error';
import { AuthErrors } from './auth-errors';
import { CredentialsService } from './credentials.service';
import type { StaffAccountEntity, StaffRole } from './entities/staff-account.entity';
import type { StaffSessionEntity } from './entities/staff-session.entity';
import { decoyHash, hashPassword, verifyPassword } from './passwords';
import type { StaffPrincipal } from './principal';
import { SignInBackoffService } from './sign-in-backoff.service';
import { StaffAccountsRepository } from './staff-accounts.repository';

export interface AccountView {
  id: string;
  username: string;
  displayName: string;
  role: StaffRole;
  hallIds: string[];
  windowIds: string[];
  disabled: boolean;
  lockedUntil: number | null;
  createdAt: number;
}

export interface AccountInput {
  username: string;
  displayName?: string;
  role: StaffRole;
  password: string;
  hallIds?: string[];
  windowIds?: string[];
}

export interface AccountChange {
  displayName?: string;
  password?: string;
  hallIds?: string[];
  windowIds?: string[];
  disabled?: boolean;
  unlock?: boolean;
}

export type SessionsEnded = { sessionId: string } | { accountId: string };

export interface SignInResult {
  token: string;
  expiresAt: number;
  account: AccountView;
}

/** Staff accounts: create and change (admins), sign in with per-address lock-out, sign out. */
@Injectable()
export class AccountsService {
  private readonly logger = new Logger(AccountsService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: StaffAccountsRepository,
    private readonly credentials: CredentialsService,
    private readonly backoff: SignInBackoffService,
  ) {}

  /**
   * Sign-ins as they end early: a sign-out (one session), a new password or a disabled account (every
   * session of it), so their live connections can be closed.
   */
  readonly ended$ = new Subject<SessionsEnded>();

  /**
   * Known and unknown usernames take the same steps and get the same answers: count the check for the
   * (name, address) pair, check a password (the decoy hash for an unknown name), 401 or 429 alike.
   */
  async signIn(username: string, password: string, address: string): Promise<SignInResult> {
    const a = await this.accounts.findByUsername(username);
    const now = Date.now();
    const slot = await this.backoff.reserve(SignInBackoffService.subjectOf(a?.id ?? null, username), address, now);
    if (!slot.ok) throw AuthErrors.locked(slot.retryAfterSec);
    const right = await verifyPassword(a?.passwordHash ?? (await decoyHash()), password);
    if (!a || a.disabled || !right) {
      const lockedFor = await this.backoff.lockedAfterFailure(slot.id, now);
      if (lockedFor !== null) {
        const who = a ? a.username : 'an unknown name';
        this.logger.warn(`Sign-in for ${who} from ${address} locked for ${this.config.auth.lockMinutes} min after failed attempts`);
        throw AuthErrors.locked(lockedFor);
      }
      throw AuthErrors.badCredentials();
    }
    await this.backoff.clear(slot.id);
    const session: StaffSessionEntity = {
      id: randomUUID(), accountId: a.id, createdAt: now, expiresAt: now + this.config.auth.sessionHours * 3_600_000, revokedAt: null,
    };
    await this.accounts.insertSession(session);
    return { token: this.credentials.signStaffToken(a.id, session.id, session.expiresAt), expiresAt: session.expiresAt, account: view(a, null) };
  }

  async signOut(who: StaffPrincipal): Promise<void> {
    await this.accounts.endSession(who.sessionId, Date.now());
    this.credentials.forget();
    this.ended$.next({ sessionId: who.sessionId });
  }

  async me(who: StaffPrincipal): Promise<AccountView> {
    return this.viewOf(await this.accounts.getById(who.accountId));
  }

  async list(): Promise<AccountView[]> {
    const rows = await this.accounts.listByUsername();
    const locked = await this.backoff.lockedUntil(rows.map((r) => r.id), Date.now());
    return rows.map((r) => view(r, locked.get(r.id) ?? null));
  }

  async create(input: AccountInput): Promise<AccountView> {
    refuseForeignScope(input.role, input);
    const scope = await this.scopeFor(input.role, input.hallIds ?? [], input.windowIds ?? []);
    if (await this.accounts.usernameTaken(input.username)) throw duplicate(input.username);
    const row: StaffAccountEntity = {
      id: randomUUID(), username: input.username, displayName: input.displayName ?? input.username, role: input.role, ...scope,
      passwordHash: await hashPassword(input.password), failedSignIns: 0, lockedUntil: null, disabled: false, createdAt: Date.now(),
    };
    try {
      await this.accounts.insertAccount(row);
    } catch (e) {
      if (await this.accounts.usernameTaken(input.username)) throw duplicate(input.username); // lost a race
      throw e;
    }
    return view(row, null);
  }

  async update(accountId: string, change: AccountChange): Promise<AccountView> {
    const a = await this.accounts.findById(accountId);
    if (!a) throw new AppError('ACCOUNT_NOT_FOUND', { accountId });
    const next: Partial<StaffAccountEntity> = {};
    if (change.displayName !== undefined) next.displayName = change.displayName;
    if (change.hallIds !== undefined || change.windowIds !== undefined) {
      refuseForeignScope(a.role, change);
      Object.assign(next, await this.scopeFor(a.role, change.hallIds ?? a.hallIds, change.windowIds ?? a.windowIds));
    }
    if (change.password !== undefined) next.passwordHash = await hashPassword(change.password);
    if (change.disabled !== undefined) next.disabled = change.disabled;
    if (change.unlock) Object.assign(next, { lockedUntil: null, failedSignIns: 0 });
    const endsSessions = change.password !== undefined || change.disabled === true;
    // A new password or a disabled account ends every open session of it.
    await this.accounts.updateAccount(a.id, next, endsSessions ? Date.now() : null);
    if (change.unlock) await this.backoff.unlock(a.id);
    this.credentials.forget();
    if (endsSessions) this.ended$.next({ accountId: a.id });
    return this.viewOf(await this.accounts.getById(a.id));
  }

  private async viewOf(a: StaffAccountEntity): Promise<AccountView> {
    return view(a, (await this.backoff.lockedUntil([a.id], Date.now())).get(a.id) ?? null);
  }

  /** Creates the configured first admin when there is no admin yet. */
  async ensureAdmin(username: string, password: string): Promise<boolean> {
    if (await this.accounts.adminExists()) return false;
    if (await this.accounts.usernameTaken(username)) throw new Error(`HALLQ_ADMIN_USER "${username}" names an existing non-admin account`);
    await this.create({ username, displayName: 'Administrator', role: 'admin', password });
    return true;
  }

  /** Managers need halls, clerks need windows (their halls follow from the windows); admins neither. */
  private async scopeFor(role: StaffRole, hallIds: string[], windowIds: string[]): Promise<{ hallIds: string[]; windowIds: string[] }> {
    if (role === 'admin') return { hallIds: [], windowIds: [] };
    if (role === 'manager') {
      if (!hallIds.length) throw new AppError('VALIDATION_FAILED', { reason: 'MANAGER_NEEDS_HALL' });
      const found = await this.accounts.existingHallIds(hallIds);
      const missing = hallIds.filter((h) => !found.includes(h));
      if (missing.length) throw hallNotFound(missing);
      return { hallIds: [...new Set(hallIds)], windowIds: [] };
    }
    if (!windowIds.length) throw new AppError('VALIDATION_FAILED', { reason: 'CLERK_NEEDS_WINDOW' });
    const windows = await this.accounts.findWindows(windowIds);
    const missing = windowIds.filter((w) => !windows.some((f) => f.id === w));
    if (missing.length) throw new QueueError('WINDOW_NOT_FOUND', { windowId: missing.join(', ') });
    return { hallIds: [...new Set(windows.map((w) => w.hallId))], windowIds: [...new Set(windowIds)] };
  }
}

function view(a: StaffAccountEntity, lockedUntil: number | null): AccountView {
  return {
    id: a.id, username: a.username, displayName: a.displayName, role: a.role, hallIds: a.hallIds, windowIds: a.windowIds, disabled: a.disabled, lockedUntil,
    createdAt: a.createdAt,
  };
}

function duplicate(username: string) {
  return new QueueError('DUPLICATE', { reason: 'USERNAME_TAKEN', username });
}

/**
 * A scope the role does not have is refused, not dropped: a manager given windows, or a clerk given
 * halls, would otherwise be saved with rights other than the ones the admin thought they gave.
 */
function refuseForeignScope(role: StaffRole, given: { hallIds?: string[]; windowIds?: string[] }): void {
  const halls = !!given.hallIds?.length;
  const windows = !!given.windowIds?.length;
  const refuse = (reason: ErrorReason) => {
    throw new AppError('VALIDATION_FAILED', { reason });
  };
  if (role === 'admin' && (halls || windows)) refuse('ADMIN_NO_SCOPE');
  if (role === 'manager' && windows) refuse('MANAGER_HALLS_ONLY');
  if (role === 'clerk' && halls) refuse('CLERK_WINDOWS_ONLY');
}
