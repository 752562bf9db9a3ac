import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { BoardController } from './board.controller';
import { BoardService } from './board.service';

/** GET /api/halls/:hallId/board for the manager page. Queue and forecast modules are global. */
@Module({ imports: [ReportsModule], controllers: [BoardController], providers: [BoardService] })
export class BoardModule {}
