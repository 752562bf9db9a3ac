import { Module } from '@nestjs/common';
import { MetricsService } from './metrics.service';

/** The metrics themselves; the scrape endpoint is metricsScrape (metrics-scrape.middleware.ts), mounted in bootstrap. */
@Module({ providers: [MetricsService], exports: [MetricsService] })
export class MetricsModule {}
