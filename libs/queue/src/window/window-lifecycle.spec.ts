import { QueueError } from '../errors/queue-error';
import { nextWindowState } from './window-lifecycle';

describe('window states', () => {
  it('opens, pauses, resumes and closes', () => {
    expect(nextWindowState('closed', 'open', 'w')).toBe('open');
    expect(nextWindowState('open', 'pause', 'w')).toBe('paused');
    expect(nextWindowState('paused', 'resume', 'w')).toBe('open');
    expect(nextWindowState('paused', 'close', 'w')).toBe('closed');
    expect(nextWindowState('open', 'close', 'w')).toBe('closed');
  });

  it('refuses steps that make no sense, naming the current state', () => {
    for (const [from, action] of [['closed', 'pause'], ['open', 'resume'], ['closed', 'close'], ['open', 'open']] as const) {
      try {
        nextWindowState(from, action, 'w');
        throw new Error('not refused');
      } catch (e) {
        expect(e).toBeInstanceOf(QueueError);
        expect((e as QueueError).code).toBe('ILLEGAL_TRANSITION');
        expect((e as QueueError).details.state).toBe(from);
      }
    }
  });
});
