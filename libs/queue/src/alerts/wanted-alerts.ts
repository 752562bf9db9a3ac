import type { AlertScope } from '@hallq/contracts';
import type { AlertText } from './alert-text';
import { lineLevel, MAX_TRANSFERS, ticketLevel, type AlertLevel } from './escalation';

const MIN = 60_000;
/** A ticket's target when its category is not among the hall's lines. */
const DEFAULT_TARGET_MS = 20 * MIN;

/** An alert a hall's state calls for: its subject, level, and what it says. */
export interface WantedAlert {
  scope: AlertScope;
  subjectId: string;
  /** What people call it: the category code or the ticket number. */
  subject: string;
  level: AlertLevel | 'ping_pong';
  text: AlertText;
}

/** A hall as the alerts read it: its lines, its waiting tickets, and the forecast when there is one. Times in ms. */
export interface AlertHallState {
  now: number;
  lines: readonly {
    category: { id: string; code: string; nameZh: string; nameEn: string; targetWaitSec: number };
    waiting: number;
    openWindows: number;
    oldestIssuedAt: number | null;
  }[];
  waiting: readonly { id: string; number: string; categoryId: string; issuedAt: number; transferCount: number }[];
  /**
   * Made at `at`: per category a normal ticket taken then, per waiting ticket itself, each with its chance
   * of being called within its target.
   */
  forecast?: {
    at: number;
    categories: ReadonlyMap<string, { pWithinTarget: number }>;
    tickets: ReadonlyMap<string, { pWithinTarget: number }>;
  } | null;
}

/** Identifies an alert among a hall's open ones: one per scope and subject. */
export function alertKey(a: { scope: string; subjectId: string }): string {
  return `${a.scope}:${a.subjectId}`;
}

/**
 * The alerts a hall's state wants, by alertKey: a line by the forecast of a ticket joining it now and its
 * oldest ticket (lineLevel), each waiting ticket by its wait and forecast (ticketLevel), and a ticket transferred more
 * than MAX_TRANSFERS times. A generator that pauses every `yieldEvery` tickets, so that a line of
 * thousands can be walked in slices (apps/api's runInSlices); wantedAlerts runs it through.
 */
export function* wantedAlertSteps(s: AlertHallState, yieldEvery = 500): Generator<void, Map<string, WantedAlert>, void> {
  const { now, forecast: p } = s;
  const wanted = new Map<string, WantedAlert>();
  const want = (w: WantedAlert) => wanted.set(alertKey(w), w);
  for (const l of s.lines) {
    const c = l.category;
    const pred = p?.categories.get(c.id);
    const level = lineLevel({
      oldestWaitMs: l.oldestIssuedAt === null ? null : now - l.oldestIssuedAt,
      targetMs: c.targetWaitSec * 1000,
      joiningPWithinTarget: l.waiting > 0 && pred ? pred.pWithinTarget : null,
    });
    if (level) {
      const category = { zh: c.nameZh, en: c.nameEn };
      const params = { level, category, targetMin: Math.round(c.targetWaitSec / 60), waiting: l.waiting, openWindows: l.openWindows };
      want({ scope: 'category', subjectId: c.id, subject: c.code, level, text: { code: 'line_wait', params } });
    }
  }
  const targets = new Map(s.lines.map((l) => [l.category.id, l.category.targetWaitSec * 1000]));
  for (const [i, t] of s.waiting.entries()) {
    if (i > 0 && i % yieldEvery === 0) yield;
    const target = targets.get(t.categoryId) ?? DEFAULT_TARGET_MS;
    const pred = p?.tickets.get(t.id);
    const waited = now - t.issuedAt;
    const level = ticketLevel(waited, target, pred ? pred.pWithinTarget : null);
    if (level) {
      const params = { level, number: t.number, waitedMin: Math.round(waited / MIN), targetMin: Math.round(target / MIN) };
      want({ scope: 'ticket', subjectId: t.id, subject: t.number, level, text: { code: 'ticket_wait', params } });
    }
    if (t.transferCount > MAX_TRANSFERS) {
      const text: AlertText = { code: 'ping_pong', params: { number: t.number, transfers: t.transferCount } };
      want({ scope: 'transfers', subjectId: t.id, subject: t.number, level: 'ping_pong', text });
    }
  }
  return wanted;
}

/** wantedAlertSteps in one go. */
export function wantedAlerts(s: AlertHallState): Map<string, WantedAlert> {
  const steps = wantedAlertSteps(s);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
