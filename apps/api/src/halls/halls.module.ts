import { Module } from '@nestjs/common';
import { WaitsModule } from '../waits/waits.module';
import { HallsController } from './halls.controller';

/** Halls, their categories and windows (admin and manager), and the staff view of a hall's state. */
@Module({ imports: [WaitsModule], controllers: [HallsController] })
export class HallsModule {}
