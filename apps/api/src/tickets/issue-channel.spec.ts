import type { Principal } from '../auth/principal';
import { issueChannel } from './issue-channel';

const kiosk = (hallId: string): Principal => ({ kind: 'device', deviceId: 'd1', device: 'kiosk', hallId, label: 'k' });
const screen: Principal = { kind: 'device', deviceId: 'd2', device: 'screen', hallId: 'h1', label: 's' };
const clerk: Principal = { kind: 'staff', accountId: 'a', username: 'c', role: 'clerk', hallIds: ['h1'], windowIds: ['w1'], sessionId: 's' };

describe('issueChannel', () => {
  it('lets anyone take a phone or appointment ticket, defaulting to web', () => {
    expect(issueChannel(null, undefined, 'h1')).toEqual({ ok: true, channel: 'web' });
    expect(issueChannel(null, 'appointment', 'h1')).toEqual({ ok: true, channel: 'appointment' });
  });
  it('keeps kiosk tickets for kiosks of the hall and its staff', () => {
    expect(issueChannel(null, 'kiosk', 'h1').ok).toBe(false);
    expect(issueChannel(kiosk('h1'), undefined, 'h1')).toEqual({ ok: true, channel: 'kiosk' });
    expect(issueChannel(kiosk('h2'), undefined, 'h1').ok).toBe(false);
    expect(issueChannel(clerk, undefined, 'h1')).toEqual({ ok: true, channel: 'kiosk' });
    expect(issueChannel(clerk, undefined, 'h2').ok).toBe(false);
  });
  it('never lets a screen issue', () => {
    expect(issueChannel(screen, 'web', 'h1')).toEqual({ ok: false, reason: 'SCREEN_CANNOT_ISSUE' });
  });
});
