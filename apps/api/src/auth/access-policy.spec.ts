import { decideAccess, type AccessLevel } from './access-policy';
import type { Principal } from './principal';

const staff = (role: 'admin' | 'manager' | 'clerk', hallIds: string[] = [], windowIds: string[] = []): Principal =>
  ({ kind: 'staff', accountId: role, username: role, role, hallIds, windowIds, sessionId: 's' });
const device = (kind: 'kiosk' | 'screen', hallId: string): Principal => ({ kind: 'device', deviceId: kind, device: kind, hallId, label: kind });

const admin = staff('admin');
const manager = staff('manager', ['h1']);
const clerk = staff('clerk', ['h1'], ['w1']);
const screen = device('screen', 'h1');
const kiosk = device('kiosk', 'h1');
const here = { hallId: 'h1', windowId: 'w1' };
const hall = { hallId: 'h1' };

describe('decideAccess', () => {
  it('lets anyone call public routes and nobody anonymous call the rest', () => {
    expect(decideAccess('public', null, {})).toBe('allow');
    for (const level of ['signed-in', 'admin', 'hall-manager', 'hall-staff', 'window-clerk', 'hall-viewer', 'hall-kiosk'] as AccessLevel[]) {
      expect(decideAccess(level, null, here)).toBe('unauthenticated');
    }
  });

  it('gives admins everything and managers their own halls only', () => {
    expect(decideAccess('admin', admin, {})).toBe('allow');
    expect(decideAccess('admin', manager, {})).toBe('forbidden');
    expect(decideAccess('hall-manager', manager, hall)).toBe('allow');
    expect(decideAccess('hall-manager', manager, { hallId: 'h2' })).toBe('forbidden');
    expect(decideAccess('window-clerk', manager, here)).toBe('allow');
  });

  it('keeps a clerk to their windows and a hall-wide view', () => {
    expect(decideAccess('window-clerk', clerk, here)).toBe('allow');
    expect(decideAccess('window-clerk', clerk, { hallId: 'h1', windowId: 'w2' })).toBe('forbidden');
    expect(decideAccess('hall-staff', clerk, hall)).toBe('allow');
    expect(decideAccess('hall-manager', clerk, hall)).toBe('forbidden');
    expect(decideAccess('hall-staff', clerk, { hallId: 'h2' })).toBe('forbidden');
  });

  it('lets devices only view their hall, and only kiosks issue', () => {
    expect(decideAccess('hall-viewer', screen, hall)).toBe('allow');
    expect(decideAccess('hall-viewer', screen, { hallId: 'h2' })).toBe('forbidden');
    expect(decideAccess('hall-viewer', screen, here)).toBe('forbidden'); // not a window's view
    expect(decideAccess('hall-kiosk', kiosk, hall)).toBe('allow');
    expect(decideAccess('hall-kiosk', screen, hall)).toBe('forbidden');
    expect(decideAccess('signed-in', screen, {})).toBe('forbidden');
    expect(decideAccess('hall-staff', kiosk, hall)).toBe('forbidden');
  });
});
