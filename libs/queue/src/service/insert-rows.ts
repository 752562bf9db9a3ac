import type { EntityManager } from 'typeorm';

/**
 * One multi-row INSERT in plain SQL, for the bulk writes of hot paths: TypeORM's insert builder spends
 * milliseconds of CPU per hundred rows on metadata and escaping, holding the event loop. Values must
 * already be in their column's database form; names are backtick-quoted (MySQL and SQLite both accept it).
 */
export function insertRows(em: EntityManager, table: string, columns: readonly string[], rows: unknown[][]): Promise<unknown> {
  if (!rows.length) return Promise.resolve();
  const one = `(${columns.map(() => '?').join(', ')})`;
  const sql = `INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES ${rows.map(() => one).join(', ')}`;
  return em.query(sql, rows.flat());
}
