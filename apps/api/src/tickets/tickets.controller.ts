import { Body, Controller, Get, Headers, HttpCode, Ip, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { IssueTicketDto } from './dto/issue-ticket.dto';
import { CitizenTicketResponseDto, IssuedTicketResponseDto, TicketResponseDto } from './dto/ticket-responses.dto';
import { TicketsService } from './tickets.service';
import { AppError } from '../common/errors/app-error';
import { Public } from '../auth/access.decorator';
import { Caller } from '../auth/access.guard';
import type { Principal } from '../auth/principal';
import { RateLimited } from '../auth/rate-limit';
import { idempotencyCaller, issueChannel } from './issue-channel';
import { withoutToken } from './staff-ticket';

const KEY = /^[\x21-\x7e]{1,100}$/;

@ApiTags('tickets')
@Controller()
export class TicketsController {
  constructor(private readonly tickets: TicketsService) {}

  @Public()
  @RateLimited('issue')
  @Post('halls/:hallId/tickets')
  @ApiOperation({
    summary: 'Issue a ticket (kiosk, phone page, appointment check-in)',
    description:
      'A retry with the same Idempotency-Key from the same caller (device, account, or address for phones) returns the same ticket with 200; ' +
      'the key from another caller answers 422 IDEMPOTENCY_MISMATCH. Public for phone pages (channel web, the default without a token, ' +
      'normal priority only; rate limited per address); kiosk, appointment and priority tickets need the kiosk\'s device token or staff ' +
      'of the hall (403 otherwise; kiosks are rate limited per device). Only this answer carries the ticket\'s tracking token.',
  })
  @ApiHeader({
    name: 'Idempotency-Key', required: false,
    description: 'Up to 100 printable characters, case-sensitive, bound to the caller; kiosks send one per ticket request and reuse it on retry.',
  })
  @ApiCreatedResponse({ type: IssuedTicketResponseDto })
  @ApiOkResponse({ type: IssuedTicketResponseDto, description: 'A retry: the ticket issued for this key earlier.' })
  async issue(
    @Param('hallId') hallId: string,
    @Body() dto: IssueTicketDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
    @Caller() who: Principal | null,
    @Ip() address: string,
  ) {
    const channel = issueChannel(who, dto, hallId);
    if (!channel.ok) throw new AppError('FORBIDDEN', { reason: channel.reason });
    if (key !== undefined && !KEY.test(key)) {
      throw new AppError('VALIDATION_FAILED', { reason: 'IDEMPOTENCY_KEY' });
    }
    const request = { ...dto, channel: channel.channel, priority: channel.priority };
    const { created, body } = await this.tickets.issue(hallId, request, key, idempotencyCaller(who, address));
    res.status(created ? 201 : 200);
    return body;
  }

  @Public()
  @Get('tickets/:token')
  @ApiOperation({ summary: "The citizen's view of a ticket, by its tracking token" })
  @ApiOkResponse({ type: CitizenTicketResponseDto })
  byToken(@Param('token') token: string) {
    return this.tickets.byToken(token);
  }

  @Public()
  @Post('tickets/:token/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'The citizen gives up the ticket' })
  @ApiOkResponse({ type: TicketResponseDto })
  cancel(@Param('token') token: string) {
    return this.tickets.cancel(token).then(withoutToken);
  }
}
