import { Global, Module } from '@nestjs/common';
import { HallAdminService, QueueEvents, QueueService, systemClock, type Clock } from '@hallq/queue';
import { issuingAdapters, TransactionRunner } from '@hallq/queue/infrastructure';
import { DataSource } from 'typeorm';
import { currentActor } from '../auth/actor-context';
import { CLOCK } from './clock';
import { TransitionLogService } from './transition-log.service';

/**
 * Wires the framework-free queue domain of libs/queue into Nest. Global, like config and the database:
 * nearly every module reads the queue, the clock or the transaction runner.
 */
@Global()
@Module({
  providers: [
    { provide: CLOCK, useValue: systemClock },
    QueueEvents,
    TransitionLogService,
    { provide: TransactionRunner, inject: [DataSource], useFactory: (ds: DataSource) => new TransactionRunner(ds) },
    {
      provide: QueueService,
      inject: [TransactionRunner, QueueEvents, CLOCK],
      useFactory: (tx: TransactionRunner, ev: QueueEvents, clock: Clock) => new QueueService(tx, ev, clock, issuingAdapters(tx), { actor: currentActor }),
    },
    {
      provide: HallAdminService,
      inject: [TransactionRunner, QueueEvents, CLOCK],
      useFactory: (tx: TransactionRunner, ev: QueueEvents, clock: Clock) => new HallAdminService(tx, ev, clock),
    },
  ],
  exports: [CLOCK, QueueEvents, TransactionRunner, QueueService, HallAdminService],
})
export class QueueModule {}
