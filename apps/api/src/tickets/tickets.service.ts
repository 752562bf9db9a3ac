import { Injectable } from '@nestjs/common';
import type { CitizenTicketBody } from '@hallq/contracts';
import { QueueService, type CitizenTicketView, type IssueTicketInput } from '@hallq/queue';
import { WaitService } from '../waits/wait.service';
import type { IssueTicketDto } from './dto/issue-ticket.dto';

/** Shapes the citizen-facing ticket responses: the queue's view plus the wait estimate. */
@Injectable()
export class TicketsService {
  constructor(
    private readonly queue: QueueService,
    private readonly waits: WaitService,
  ) {}

  /** `caller`: who asks (device, account or address); an idempotency key is bound to it. */
  async issue(hallId: string, dto: IssueTicketDto, idempotencyKey: string | undefined, caller: string) {
    const input: IssueTicketInput = { category: dto.category, priority: dto.priority ?? 'normal', channel: dto.channel ?? 'kiosk', idempotencyKey, caller };
    const r = await this.queue.issueTicket(hallId, input);
    return { created: r.created, body: await this.present(r) };
  }

  async byToken(token: string) {
    return this.present(await this.queue.getByToken(token));
  }

  cancel(token: string) {
    return this.queue.cancelByToken(token);
  }

  private async present(v: CitizenTicketView): Promise<CitizenTicketBody> {
    return {
      ...v.ticket,
      peopleAhead: v.peopleAhead,
      estimatedWait: await this.waits.forTicket(v.ticket, v.peopleAhead, v.category.defaultServiceSec),
      trackPath: `/t/${v.ticket.token}`,
      hallName: v.hall.name,
      categoryNameZh: v.category.nameZh,
      categoryNameEn: v.category.nameEn,
      materials: v.category.materials,
    };
  }
}
