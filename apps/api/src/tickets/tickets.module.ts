import { Module } from '@nestjs/common';
import { WaitsModule } from '../waits/waits.module';
import { TicketsController } from './tickets.controller';
import { TicketsService } from './tickets.service';

/** Taking a ticket (kiosk, phone, staff), following it by its token, and cancelling it. */
@Module({ imports: [WaitsModule], controllers: [TicketsController], providers: [TicketsService] })
export class TicketsModule {}
