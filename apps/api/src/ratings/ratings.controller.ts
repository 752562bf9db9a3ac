import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DayRangeQueryDto } from '../reports/dto/day-range-query.dto';
import { RateTicketDto, RatingResponseDto } from './dto/rate-ticket.dto';
import { RatingsService } from './ratings.service';
import { Access, Public } from '../auth/access.decorator';

/** 好差评: the citizen rates a finished ticket; the manager sees the ratings per window and category. */
@ApiTags('ratings')
@Controller()
export class RatingsController {
  constructor(private readonly ratings: RatingsService) {}

  @Public()
  @Post('tickets/:token/rating')
  @ApiOperation({ summary: 'The citizen rates a finished ticket (phone page); one rating per ticket, 409 otherwise' })
  @ApiCreatedResponse({ type: RatingResponseDto })
  rateByToken(@Param('token') token: string, @Body() dto: RateTicketDto) {
    return this.ratings.rateByToken(token, dto);
  }

  @Access('window-clerk')
  @Post('halls/:hallId/windows/:windowId/rating')
  @ApiOperation({ summary: 'Counter-side pad: rates the ticket this window finished last, within 10 minutes of finishing' })
  @ApiCreatedResponse({ type: RatingResponseDto })
  rateAtWindow(@Param('hallId') hallId: string, @Param('windowId') windowId: string, @Body() dto: RateTicketDto) {
    return this.ratings.rateAtWindow(hallId, windowId, dto);
  }

  @Access('hall-manager')
  @Get('halls/:hallId/ratings')
  @ApiOperation({ summary: 'Ratings per window and per category over service days from..to: count, mean, distribution, reasons' })
  summary(@Param('hallId') hallId: string, @Query() q: DayRangeQueryDto) {
    return this.ratings.summary(hallId, q.from, q.to);
  }
}
