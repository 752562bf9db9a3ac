import { Injectable } from '@nestjs/common';
import { TicketEventEntity } from '@hallq/queue';
import { DataSource } from 'typeorm';

/** Counts of ticket_event rows per hall: where each hall's live seq starts (ClusterEventsService). */
@Injectable()
export class TicketEventCountsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Each hall with events, with its ticket_event row count. */
  async countPerHall(): Promise<{ hallId: string; count: number }[]> {
    const rows: { hallId: string; n: string | number }[] = await this.dataSource
      .createQueryBuilder(TicketEventEntity, 'e')
      .select('e.hallId', 'hallId')
      .addSelect('COUNT(*)', 'n')
      .groupBy('e.hallId')
      .getRawMany();
    return rows.map((r) => ({ hallId: r.hallId, count: Number(r.n) }));
  }
}
