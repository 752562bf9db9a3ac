import { Global, Module } from '@nestjs/common';
import { WaitService } from '../waits/wait.service';
import { HallForecastService } from './hall-forecast.service';

/** libs/forecast in the api: one forecaster per hall, and the wait answers built on it. */
@Global()
@Module({
  providers: [HallForecastService, WaitService],
  exports: [HallForecastService, WaitService],
})
export class ForecastModule {}
