import { Module } from '@nestjs/common';
import { WindowActionsController } from './window-actions.controller';

/** The clerk's window: open, pause, call next, recall, no-show, transfer, serve, finish. */
@Module({ controllers: [WindowActionsController] })
export class CounterModule {}
