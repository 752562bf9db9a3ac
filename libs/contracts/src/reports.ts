import type { RatingReason } from './ratings';

/**
 * `GET /halls/:hallId/reports/day?from&to`: the day report (docs/reports.md says what each figure means).
 * The api's ReportsService.dayReport is typed to return this, so its answer and the pages cannot drift.
 */
export interface DurationStats { count: number; meanSec: number | null; p50Sec: number | null; p90Sec: number | null }

export interface DayFigures {
  /** 'YYYY-MM-DD', or 'total' for the whole range. */
  day: string;
  issued: number; served: number; noShows: number; cancelled: number; unserved: number; open: number;
  transfers: number; transferredMoreThanTwice: number;
  wait: DurationStats;
  service: DurationStats;
  categories: { category: string; nameZh: string; nameEn: string; issued: number; served: number; wait: DurationStats; service: DurationStats }[];
  windows: { windowId: string; window: string; served: number; openSec: number; busySec: number; idleSec: number; utilization: number | null }[];
  clerks: { clerk: string; served: number; onDutySec: number; busySec: number; idleSec: number; utilization: number | null }[];
  arrivals: { slot: string; count: number }[];
  ratings: { count: number; mean: number | null; distribution: Record<string, number>; reasons: Record<RatingReason, number> };
}

export interface DayReportBody {
  hall: { id: string; name: string; timeZone: string };
  from: string;
  to: string;
  days: DayFigures[];
  total: DayFigures;
}
