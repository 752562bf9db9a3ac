import { Module } from '@nestjs/common';
import { DayReportRepository } from './day-report.repository';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** The day report. QueueModule (global) gives the clock. */
@Module({ controllers: [ReportsController], providers: [ReportsService, DayReportRepository], exports: [ReportsService] })
export class ReportsModule {}
