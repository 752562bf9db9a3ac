import type { Principal } from '../auth/principal';
import { idempotencyCaller, issueChannel } from './issue-channel';

const kiosk = (hallId: string): Principal => ({ kind: 'device', deviceId: 'd1', device: 'kiosk', hallId, label: 'k' });
const screen: Principal = { kind: 'device', deviceId: 'd2', device: 'screen', hallId: 'h1', label: 's' };
const clerk: Principal = { kind: 'staff', accountId: 'a', username: 'c', role: 'clerk', hallIds: ['h1'], windowIds: ['w1'], sessionId: 's' };

describe('issueChannel', () => {
  it('lets anyone take a normal phone ticket, defaulting to web', () => {
    expect(issueChannel(null, {}, 'h1')).toEqual({ ok: true, channel: 'web', priority: 'normal' });
    expect(issueChannel(null, { channel: 'web', priority: 'normal' }, 'h1')).toEqual({ ok: true, channel: 'web', priority: 'normal' });
  });
  it('refuses priority and appointment tickets to anonymous callers, saying where to get one', () => {
    expect(issueChannel(null, { priority: 'priority' }, 'h1')).toEqual({ ok: false, reason: 'PRIORITY_NEEDS_KIOSK' });
    expect(issueChannel(null, { channel: 'appointment' }, 'h1')).toEqual({ ok: false, reason: 'APPOINTMENT_NEEDS_CHECK_IN' });
  });
  it('lets kiosks and staff of the hall give priority and appointment tickets', () => {
    expect(issueChannel(kiosk('h1'), { priority: 'priority' }, 'h1')).toEqual({ ok: true, channel: 'kiosk', priority: 'priority' });
    expect(issueChannel(kiosk('h1'), { channel: 'appointment' }, 'h1')).toEqual({ ok: true, channel: 'appointment', priority: 'normal' });
    expect(issueChannel(clerk, { channel: 'appointment', priority: 'priority' }, 'h1')).toEqual({ ok: true, channel: 'appointment', priority: 'priority' });
  });
  it('keeps kiosk tickets for kiosks of the hall and its staff', () => {
    expect(issueChannel(null, { channel: 'kiosk' }, 'h1').ok).toBe(false);
    expect(issueChannel(kiosk('h1'), {}, 'h1')).toEqual({ ok: true, channel: 'kiosk', priority: 'normal' });
    expect(issueChannel(kiosk('h2'), {}, 'h1').ok).toBe(false);
    expect(issueChannel(clerk, {}, 'h1')).toEqual({ ok: true, channel: 'kiosk', priority: 'normal' });
    expect(issueChannel(clerk, {}, 'h2').ok).toBe(false);
  });
  it('never lets a screen issue', () => {
    expect(issueChannel(screen, { channel: 'web' }, 'h1')).toEqual({ ok: false, reason: 'SCREEN_CANNOT_ISSUE' });
  });
  it('binds idempotency keys to the device, the account, or a phone\'s address', () => {
    expect(idempotencyCaller(kiosk('h1'), '10.0.0.1')).toBe('device:d1');
    expect(idempotencyCaller(clerk, '10.0.0.1')).toBe('staff:a');
    expect(idempotencyCaller(null, '10.0.0.1')).toBe('address:10.0.0.1');
    expect(idempotencyCaller(null, '10.0.0.2')).not.toBe(idempotencyCaller(null, '10.0.0.1'));
  });
});
