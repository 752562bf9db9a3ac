/** GET /api/halls/:hallId/reports/day (docs/reports.md says what each figure means). */
export interface DurationStats { count: number; meanSec: number | null; p50Sec: number | null; p90Sec: number | null }

export interface DayFigures {
  day: string;
  issued: number; served: number; noShows: number; cancelled: number; unserved: number; open: number;
  transfers: number; transferredMoreThanTwice: number;
  wait: DurationStats;
  service: DurationStats;
  categories: { category: string; nameZh: string; nameEn: string; issued: number; served: number; wait: DurationStats; service: DurationStats }[];
  windows: { windowId: string; window: string; served: number; openSec: number; busySec: number; idleSec: number; utilization: number | null }[];
  arrivals: { slot: string; count: number }[];
  ratings: { count: number; mean: number | null; distribution: Record<string, number>; reasons: Record<string, number> };
}

export interface DayReport {
  hall: { id: string; name: string; timeZone: string };
  from: string;
  to: string;
  days: DayFigures[];
  total: DayFigures;
}
