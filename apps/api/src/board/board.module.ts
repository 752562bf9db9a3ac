import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { WaitsModule } from '../waits/waits.module';
import { BoardController } from './board.controller';
import { BoardService } from './board.service';
import { DayLineRepository } from './day-line.repository';
import { ForecastModule } from '../forecast/forecast.module';

/** GET /api/halls/:hallId/board for the manager page. */
@Module({ imports: [ForecastModule, ReportsModule, WaitsModule], controllers: [BoardController], providers: [BoardService, DayLineRepository] })
export class BoardModule {}
