import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditEntryEntity } from './audit-entry.entity';

/** The hall's audit log of manager actions on staffing advice (applied, dismissed). */
@Injectable()
export class AdviceAuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Appends one entry and returns it with its id. */
  async record(entry: { hallId: string; at: number; actor: string; action: string; data: Record<string, unknown> }): Promise<AuditEntryEntity> {
    const row = this.dataSource.manager.create(AuditEntryEntity, entry);
    await this.dataSource.manager.save(AuditEntryEntity, row);
    return row;
  }

  /** The hall's latest entries, newest first. */
  latest(hallId: string, limit: number): Promise<AuditEntryEntity[]> {
    return this.dataSource.manager.find(AuditEntryEntity, { where: { hallId }, order: { id: 'DESC' }, take: limit });
  }
}
