import type { ValueTransformer } from 'typeorm';

/** Epoch milliseconds kept in a BIGINT: exact on both databases, no time-zone conversions. mysql2 returns
 * BIGINT as a string, so read it back as a number (safe: ms timestamps are far below 2^53). */
export const epochMs: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | number | null) => (v === null || v === undefined ? v : Number(v)),
};
