import type { AlertLevel } from './escalation';

/**
 * What an alert says, as a code and its figures. The words are made in one place (alertMessage), so a
 * page can later word the same code and figures in zh-CN or en. Figures are as shown: whole minutes.
 */
export type AlertText =
  | { code: 'line_wait'; params: { level: AlertLevel; category: { zh: string; en: string }; targetMin: number; waiting: number; openWindows: number } }
  | { code: 'ticket_wait'; params: { level: AlertLevel; number: string; waitedMin: number; targetMin: number } }
  | { code: 'ping_pong'; params: { number: string; transfers: number } };

export type AlertCode = AlertText['code'];

const LEVEL_EN: Record<AlertLevel, string> = {
  predicted_over: 'expected to wait past the target',
  over: 'waiting past the target',
  over_twice: 'waiting more than twice the target',
};

/** The English message stored on the alert row and sent in its `alert` event. */
export function alertMessage(t: AlertText): string {
  switch (t.code) {
    case 'line_wait': {
      const p = t.params;
      return `${p.category.en}: ${LEVEL_EN[p.level]} of ${p.targetMin} min (${p.waiting} waiting, ${p.openWindows} windows open)`;
    }
    case 'ticket_wait': {
      const p = t.params;
      return `${p.number}: ${LEVEL_EN[p.level]} (waited ${p.waitedMin} min, target ${p.targetMin} min)`;
    }
    case 'ping_pong':
      return `${t.params.number} was transferred ${t.params.transfers} times: sent back and forth between windows`;
  }
}
