import { Module } from '@nestjs/common';
import { WaitService } from './wait.service';
import { ForecastModule } from '../forecast/forecast.module';

/** "How long will I wait?" for tickets, lines and the board, from the hall forecasts. */
@Module({ imports: [ForecastModule], providers: [WaitService], exports: [WaitService] })
export class WaitsModule {}
