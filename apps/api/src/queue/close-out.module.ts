import { Module } from '@nestjs/common';
import { ClusterModule } from '../cluster/cluster.module';
import { CloseOutJob } from './close-out.job';

/** The scheduled close-out of yesterday's leftovers, once per cluster (the job lock). */
@Module({ imports: [ClusterModule], providers: [CloseOutJob] })
export class CloseOutModule {}
