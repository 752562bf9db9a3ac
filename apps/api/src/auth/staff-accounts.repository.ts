import { Injectable } from '@nestjs/common';
import { HallEntity, WindowEntity } from '@hallq/queue';
import { DataSource, In, IsNull } from 'typeorm';
import { StaffAccountEntity } from './entities/staff-account.entity';
import { StaffSessionEntity } from './entities/staff-session.entity';

/** Staff accounts and their sessions (one row per sign-in), and the halls and windows an account's scope names. */
@Injectable()
export class StaffAccountsRepository {
  constructor(private readonly dataSource: DataSource) {}

  findByUsername(username: string): Promise<StaffAccountEntity | null> {
    return this.accounts.findOneBy({ username });
  }

  findById(accountId: string): Promise<StaffAccountEntity | null> {
    return this.accounts.findOneBy({ id: accountId });
  }

  /** The account, which the caller knows exists (it signed in, or was just changed). */
  getById(accountId: string): Promise<StaffAccountEntity> {
    return this.accounts.findOneByOrFail({ id: accountId });
  }

  listByUsername(): Promise<StaffAccountEntity[]> {
    return this.accounts.find({ order: { username: 'ASC' } });
  }

  usernameTaken(username: string): Promise<boolean> {
    return this.accounts.existsBy({ username });
  }

  adminExists(): Promise<boolean> {
    return this.accounts.existsBy({ role: 'admin' });
  }

  async insertAccount(account: StaffAccountEntity): Promise<void> {
    await this.accounts.insert(account);
  }

  /**
   * Writes the changed columns and, with `endSessionsAt`, ends every open session of the account, in one
   * transaction: a new password or a disabled account never leaves a session open.
   */
  async updateAccount(accountId: string, change: Partial<StaffAccountEntity>, endSessionsAt: number | null): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      if (Object.keys(change).length) await em.update(StaffAccountEntity, { id: accountId }, change);
      if (endSessionsAt !== null) await em.update(StaffSessionEntity, { accountId, revokedAt: IsNull() }, { revokedAt: endSessionsAt });
    });
  }

  /** Those of `hallIds` that name a hall. */
  async existingHallIds(hallIds: string[]): Promise<string[]> {
    return (await this.dataSource.getRepository(HallEntity).findBy({ id: In(hallIds) })).map((h) => h.id);
  }

  /** The windows among `windowIds` that exist. */
  findWindows(windowIds: string[]): Promise<WindowEntity[]> {
    return this.dataSource.getRepository(WindowEntity).findBy({ id: In(windowIds) });
  }

  async insertSession(session: StaffSessionEntity): Promise<void> {
    await this.sessions.insert(session);
  }

  findSession(sessionId: string, accountId: string): Promise<StaffSessionEntity | null> {
    return this.sessions.findOneBy({ id: sessionId, accountId });
  }

  /** A sign-out: the session ends at `at` unless it has ended already. */
  async endSession(sessionId: string, at: number): Promise<void> {
    await this.sessions.update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: at });
  }

  private get accounts() {
    return this.dataSource.getRepository(StaffAccountEntity);
  }

  private get sessions() {
    return this.dataSource.getRepository(StaffSessionEntity);
  }
}
