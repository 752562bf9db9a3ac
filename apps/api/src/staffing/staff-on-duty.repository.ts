import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { StaffOnDutyEntity } from './staff-on-duty.entity';

/** The clerks on duty a manager set for a hall's service day. */
@Injectable()
export class StaffOnDutyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The count set for this service day, or null when none was set that day. */
  async findForDay(hallId: string, serviceDay: string): Promise<number | null> {
    const row = await this.dataSource.manager.findOne(StaffOnDutyEntity, { where: { hallId } });
    return row && row.serviceDay === serviceDay ? row.clerksOnDuty : null;
  }

  /** Sets the count for the service day (replacing any earlier day's). */
  async setForDay(entry: { hallId: string; serviceDay: string; clerksOnDuty: number; setAt: number; setBy: string }): Promise<void> {
    await this.dataSource.manager.save(StaffOnDutyEntity, this.dataSource.manager.create(StaffOnDutyEntity, entry));
  }
}
