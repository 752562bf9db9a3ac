import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BoardService } from './board.service';
import { BoardResponseDto } from './dto/board-response.dto';

@ApiTags('staffing')
@Controller('halls/:hallId/board')
export class BoardController {
  constructor(private readonly boards: BoardService) {}

  @Get()
  @ApiOperation({
    summary: "The manager's board: each window (state, current ticket, time in service, served and utilization today) and each category (line, wait now, p90 wait today, target, forecast for the next hour)",
  })
  @ApiOkResponse({ type: BoardResponseDto })
  board(@Param('hallId') hallId: string) {
    return this.boards.board(hallId);
  }
}
