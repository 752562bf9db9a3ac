import { categoryName } from '../../shared/i18n';
import type { ConnectionState } from '../../shared/live-client';
import type { HallClock } from '../counter/console-common';
import type { Advice, Alert, Board, Today } from './manager-types';

/** A line under the header: what an action did, or why it was refused. */
export type Message = { kind: 'ok' | 'error'; text: string } | null;

/**
 * What the manager page knows, shared by its panels: the page fills it from the REST reads and the
 * /live feeds, each panel draws from it. Panel-own state (the what-if draft, the plan's date) stays
 * in the panel.
 */
export interface Desk {
  readonly hallId: string;
  /** The hall's REST path, `/halls/<id>`. */
  readonly base: string;
  readonly clock: HallClock;
  board: Board | null;
  advice: Advice | null;
  alerts: Alert[];
  today: Today | null;
  conn: ConnectionState;
  say(m: Message): void;
}

/** A part of the page: its element, and a redraw from the desk. */
export interface Panel {
  readonly el: HTMLElement;
  draw(): void;
}

/** A category's name in the page's language, from the board; its code until the board is in. */
export function categoryLabel(board: Board | null, code: string): string {
  const c = board?.categories.find((x) => x.code === code);
  return c ? categoryName(c) : code;
}
