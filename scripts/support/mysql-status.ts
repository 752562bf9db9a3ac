import { createConnection } from 'mysql2/promise';

/** Server-wide counters read before and after a run: statements and commits per ticket. */
export async function serverCounters(server: string): Promise<Record<string, number>> {
  const c = await createConnection(server);
  try {
    const [rows] = await c.query(
      "SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions', 'Com_commit', 'Com_select', 'Com_insert', 'Com_update', 'Com_set_option', " +
        "'Innodb_row_lock_waits', 'Innodb_row_lock_time', 'Innodb_data_fsyncs', 'Innodb_os_log_fsyncs')",
    );
    return Object.fromEntries((rows as { Variable_name: string; Value: string }[]).map((r) => [r.Variable_name, Number(r.Value)]));
  } finally {
    await c.end();
  }
}

export function diffCounters(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - (before[k] ?? 0)]));
}

export async function serverVersion(server: string): Promise<string> {
  const c = await createConnection(server);
  try {
    const [rows] = await c.query('SELECT VERSION() AS v');
    return (rows as { v: string }[])[0].v;
  } finally {
    await c.end();
  }
}
