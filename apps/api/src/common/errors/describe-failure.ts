/** A driver failure in one line for the log: its code and message, unwrapped from TypeORM. */
export function describeFailure(e: unknown): string {
  const o = e as { code?: string; message?: string; driverError?: { code?: string; message?: string } };
  const d = o?.driverError ?? o;
  return [d?.code, d?.message ?? String(e)].filter(Boolean).join(' ');
}
