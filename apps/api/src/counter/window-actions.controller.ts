import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { QueueService } from '@hallq/queue';
import type { Response } from 'express';
import { AppError } from '../common/errors/app-error';
import { WindowResponseDto } from '../halls/dto/hall-responses.dto';
import { TicketResponseDto } from '../tickets/dto/ticket-responses.dto';
import { CallTicketDto, PauseDto, TransferDto } from './dto/window-actions.dto';
import { Access } from '../auth/access.decorator';
import { withoutToken } from '../tickets/staff-ticket';

/** What a window clerk does. Each acts on the window's current ticket; illegal steps answer 409. */
@ApiTags('counter')
@Access('window-clerk')
@Controller('halls/:hallId/windows/:windowId')
export class WindowActionsController {
  constructor(private readonly queue: QueueService) {}

  @Post('call-next')
  @HttpCode(200)
  @ApiOperation({ summary: 'Call the next ticket by the routing rule' })
  @ApiOkResponse({ type: TicketResponseDto })
  @ApiNoContentResponse({ description: 'Nothing is waiting for this window.' })
  async callNext(@Param('hallId') hallId: string, @Param('windowId') windowId: string, @Res({ passthrough: true }) res: Response) {
    const t = await this.queue.callNext(hallId, windowId);
    if (!t) res.status(204);
    return t ? withoutToken(t) : undefined;
  }

  @Post('call')
  @HttpCode(200)
  @ApiOperation({ summary: 'Call a chosen waiting ticket out of order (reason logged)' })
  @ApiOkResponse({ type: TicketResponseDto })
  call(@Param('hallId') hallId: string, @Param('windowId') windowId: string, @Body() dto: CallTicketDto) {
    if (!dto.ticketId === !dto.number) throw new AppError('VALIDATION_FAILED', { reason: 'TICKET_OR_NUMBER' });
    return this.queue.callTicket(hallId, windowId, { id: dto.ticketId, number: dto.number }, dto.reason).then(withoutToken);
  }

  @Post('recall')
  @HttpCode(200)
  @ApiOkResponse({ type: TicketResponseDto })
  recall(@Param('hallId') hallId: string, @Param('windowId') windowId: string) {
    return this.queue.recall(hallId, windowId).then(withoutToken);
  }

  @Post('start')
  @HttpCode(200)
  @ApiOkResponse({ type: TicketResponseDto })
  start(@Param('hallId') hallId: string, @Param('windowId') windowId: string) {
    return this.queue.start(hallId, windowId).then(withoutToken);
  }

  @Post('finish')
  @HttpCode(200)
  @ApiOkResponse({ type: TicketResponseDto })
  finish(@Param('hallId') hallId: string, @Param('windowId') windowId: string) {
    return this.queue.finish(hallId, windowId).then(withoutToken);
  }

  @Post('no-show')
  @HttpCode(200)
  @ApiOkResponse({ type: TicketResponseDto })
  noShow(@Param('hallId') hallId: string, @Param('windowId') windowId: string) {
    return this.queue.noShow(hallId, windowId).then(withoutToken);
  }

  @Post('transfer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send the current ticket to another category or window; it keeps its issue time' })
  @ApiOkResponse({ type: TicketResponseDto })
  transfer(@Param('hallId') hallId: string, @Param('windowId') windowId: string, @Body() dto: TransferDto) {
    if (!dto.category === !dto.window) throw new AppError('VALIDATION_FAILED', { reason: 'CATEGORY_OR_WINDOW' });
    return this.queue.transfer(hallId, windowId, dto.window ? { window: dto.window } : { category: dto.category! }).then(withoutToken);
  }

  @Post('pause')
  @HttpCode(200)
  @ApiOkResponse({ type: WindowResponseDto })
  pause(@Param('hallId') hallId: string, @Param('windowId') windowId: string, @Body() dto: PauseDto) {
    return this.queue.windowAction(hallId, windowId, 'pause', dto.reason);
  }

  @Post('resume')
  @HttpCode(200)
  @ApiOkResponse({ type: WindowResponseDto })
  resume(@Param('hallId') hallId: string, @Param('windowId') windowId: string) {
    return this.queue.windowAction(hallId, windowId, 'resume');
  }

  @Post('open')
  @HttpCode(200)
  @ApiOkResponse({ type: WindowResponseDto })
  open(@Param('hallId') hallId: string, @Param('windowId') windowId: string) {
    return this.queue.windowAction(hallId, windowId, 'open');
  }

  @Post('close')
  @HttpCode(200)
  @ApiOkResponse({ type: WindowResponseDto })
  close(@Param('hallId') hallId: string, @Param('windowId') windowId: string) {
    return this.queue.windowAction(hallId, windowId, 'close');
  }
}
