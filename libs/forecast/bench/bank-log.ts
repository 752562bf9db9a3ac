/**
 * Reader for the Anonymous Bank call-centre log layout (Technion SEE Center, "Anonymous Bank",
 * Guedj and Mandelbaum; analysed in Brown et al., JASA 100, 2005). Tab-separated, CRLF, one header.
 * The data stays in ../shared/data; this only reads a path given at run time.
 */
import { readFileSync } from 'node:fs';

export interface BankCall {
  callId: string;
  priority: number;
  type: string;
  outcome: 'AGENT' | 'HANG' | 'PHANTOM' | string;
  /** Seconds since the Unix epoch (UTC clock of the log). */
  qStart: number;
  qExit: number;
  qTime: number;
  serStart: number;
  serExit: number;
  serTime: number;
  server: string;
  queued: boolean;
  served: boolean;
}

function hms(s: string): number {
  const [h, m, sec] = s.split(':').map(Number);
  return h * 3600 + m * 60 + sec;
}

export function readBankLog(path: string): BankCall[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const header = lines[0].split('\t').map((h) => h.trim());
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`column ${name} missing in ${path}`);
    return i;
  };
  const C = {
    id: col('call_id'), pr: col('priority'), type: col('type'), date: col('date'),
    qs: col('q_start'), qe: col('q_exit'), qt: col('q_time'), out: col('outcome'),
    ss: col('ser_start'), se: col('ser_exit'), st: col('ser_time'), srv: col('server'), ve: col('vru_exit'),
  };
  const calls: BankCall[] = [];
  for (let i = 1; i < lines.length; i++) {
    const f = lines[i].split('\t');
    if (f.length < header.length) continue;
    const d = f[C.date].trim();
    const day = Date.UTC(1900 + Number(d.slice(0, 2)) + (Number(d.slice(0, 2)) < 50 ? 100 : 0), Number(d.slice(2, 4)) - 1, Number(d.slice(4, 6))) / 1000;
    const vruExit = hms(f[C.ve]);
    // A time earlier than the VRU exit wrapped past midnight.
    const at = (s: string) => {
      const x = hms(s);
      return day + (x + 3600 < vruExit ? x + 86400 : x);
    };
    const qTime = Number(f[C.qt]);
    const serTime = Number(f[C.st]);
    const queued = qTime > 0 || f[C.qs].trim() !== '0:00:00';
    const outcome = f[C.out].trim();
    const served = outcome === 'AGENT';
    const qStart = queued ? at(f[C.qs]) : NaN;
    const serStart = served ? at(f[C.ss]) : NaN;
    calls.push({
      callId: f[C.id].trim(),
      priority: Number(f[C.pr]),
      type: f[C.type].trim(),
      outcome,
      qStart,
      qExit: queued ? qStart + qTime : NaN,
      qTime,
      serStart,
      serExit: served ? serStart + serTime : NaN,
      serTime,
      server: f[C.srv].trim(),
      queued,
      served,
    });
  }
  return calls;
}
