import { QueueError } from '../errors/queue-error';
import type { WindowState } from '../entities/window.entity';

/*
 * Window states: closed --open--> open --pause--> paused --resume--> open; any --close--> closed.
 * Pure; the service also refuses to close a window that still holds a ticket (it would strand it).
 */
export type WindowAction = 'open' | 'pause' | 'resume' | 'close';

const NEXT: Record<WindowAction, { from: readonly WindowState[]; to: WindowState }> = {
  open: { from: ['closed', 'paused'], to: 'open' },
  pause: { from: ['open'], to: 'paused' },
  resume: { from: ['paused'], to: 'open' },
  close: { from: ['open', 'paused'], to: 'closed' },
};

export function nextWindowState(current: WindowState, action: WindowAction, windowId: string): WindowState {
  const rule = NEXT[action];
  if (!rule.from.includes(current)) {
    throw new QueueError('ILLEGAL_TRANSITION', { reason: 'WINDOW_STATE', windowId, state: current, action, allowed: [...rule.from] });
  }
  return rule.to;
}
