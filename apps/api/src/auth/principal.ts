import type { DeviceKind } from './entities/device.entity';
import type { StaffRole } from './entities/staff-account.entity';

/** Who is asking: a signed-in member of staff or a registered device. Anonymous callers have none. */
export type Principal = StaffPrincipal | DevicePrincipal;

export interface StaffPrincipal {
  kind: 'staff';
  accountId: string;
  username: string;
  role: StaffRole;
  hallIds: readonly string[];
  windowIds: readonly string[];
  sessionId: string;
}

export interface DevicePrincipal {
  kind: 'device';
  deviceId: string;
  device: DeviceKind;
  hallId: string;
  label: string;
}

/** Name for logs and the audit log (never a token). */
export function actorName(p: Principal | null | undefined): string {
  if (!p) return 'anonymous';
  return p.kind === 'staff' ? p.username : `${p.device}:${p.label}`;
}
