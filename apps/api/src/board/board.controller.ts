import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BoardService } from './board.service';
import { BoardResponseDto, TodayResponseDto } from './dto/board-response.dto';
import { TodayQueryDto } from './dto/today-query.dto';
import { Access } from '../auth/access.decorator';

@ApiTags('staffing')
// The manager's desk: load per window and category, today's curves.
@Access('hall-manager')
@Controller('halls/:hallId/board')
export class BoardController {
  constructor(private readonly boards: BoardService) {}

  @Get()
  @ApiOperation({
    summary:
      "The manager's board: each window (state, current ticket, time in service, served and utilization today) " +
      'and each category (line, wait now, p90 wait today, target, forecast for the next hour)',
  })
  @ApiOkResponse({ type: BoardResponseDto })
  board(@Param('hallId') hallId: string) {
    return this.boards.board(hallId);
  }

  @Get('today')
  @ApiOperation({ summary: "Today's line length and wait per category, against the forecaster's next hour (the manager's charts)" })
  @ApiOkResponse({ type: TodayResponseDto })
  today(@Param('hallId') hallId: string, @Query() q: TodayQueryDto) {
    return this.boards.today(hallId, q.stepSec);
  }
}
