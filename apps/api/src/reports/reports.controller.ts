import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DayRangeQueryDto } from './dto/day-range-query.dto';
import { ReportsService } from './reports.service';
import { Access } from '../auth/access.decorator';

/** The hall manager's day report, per service day and in total, as JSON for the page and CSV for Excel. */
@ApiTags('reports')
@Access('hall-manager')
@Controller('halls/:hallId/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('day')
  @ApiOperation({ summary: 'Day report for service days from..to (at most 93): tickets, waits, service times, windows, arrivals, ratings' })
  day(@Param('hallId') hallId: string, @Query() q: DayRangeQueryDto) {
    return this.reports.dayReport(hallId, q.from, q.to);
  }

  @Get('day.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The same report as CSV, UTF-8 with a byte-order mark so Excel shows Chinese correctly.' })
  @ApiOperation({ summary: 'Day report as CSV' })
  async dayCsv(@Param('hallId') hallId: string, @Query() q: DayRangeQueryDto, @Res({ passthrough: true }) res: Response) {
    const csv = await this.reports.dayReportCsv(hallId, q.from, q.to);
    // Set only on success: an error keeps its JSON body and type.
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="hallq-day-report-${q.from}-${q.to}.csv"`);
    return csv;
  }
}
