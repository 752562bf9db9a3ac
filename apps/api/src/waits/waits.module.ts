import { Module } from '@nestjs/common';
import { WaitService } from './wait.service';

/** "How long will I wait?" for tickets, lines and the board, from the hall forecasts (ForecastModule is global). */
@Module({ providers: [WaitService], exports: [WaitService] })
export class WaitsModule {}
