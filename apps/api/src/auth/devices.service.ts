import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Subject } from 'rxjs';
import { AppError } from '../common/errors/app-error';
import { CredentialsService } from './credentials.service';
import { DevicesRepository } from './devices.repository';
import type { DeviceEntity, DeviceKind } from './entities/device.entity';

export interface DeviceView {
  id: string;
  hallId: string;
  kind: DeviceKind;
  label: string;
  createdAt: number;
  createdBy: string;
  revokedAt: number | null;
}

/** Kiosk and screen tokens: issued by a manager or admin for one hall, shown once, revoked at will. */
@Injectable()
export class DevicesService {
  /** Device ids as they are revoked, so live connections of that device can be closed. */
  readonly revoked$ = new Subject<string>();

  constructor(
    private readonly devices: DevicesRepository,
    private readonly credentials: CredentialsService,
  ) {}

  async issue(hallId: string, kind: DeviceKind, label: string, createdBy: string): Promise<DeviceView & { token: string }> {
    await this.devices.requireHall(hallId);
    const { token, hash } = CredentialsService.newDeviceToken();
    const row: DeviceEntity = { id: randomUUID(), hallId, kind, label, tokenHash: hash, createdAt: Date.now(), createdBy, revokedAt: null };
    await this.devices.insertDevice(row);
    return { ...view(row), token };
  }

  /** A fixed token for the demo's own kiosk and screen (never in production: the demo seed is off there). */
  async ensureDemoDevice(hallId: string, kind: DeviceKind, label: string, token: string): Promise<void> {
    const hash = CredentialsService.hashDeviceToken(token);
    if (await this.devices.tokenHashExists(hash)) return;
    await this.devices.insertDevice({ id: randomUUID(), hallId, kind, label, tokenHash: hash, createdAt: Date.now(), createdBy: 'demo', revokedAt: null });
  }

  async list(hallId: string): Promise<DeviceView[]> {
    await this.devices.requireHall(hallId);
    return (await this.devices.listForHall(hallId)).map(view);
  }

  async revoke(hallId: string, deviceId: string): Promise<DeviceView> {
    const d = await this.devices.findInHall(hallId, deviceId);
    if (!d) throw new AppError('DEVICE_NOT_FOUND', { deviceId });
    if (d.revokedAt === null) {
      d.revokedAt = Date.now();
      await this.devices.markRevoked(d.id, d.revokedAt);
      this.credentials.forget();
      this.revoked$.next(d.id);
    }
    return view(d);
  }
}

function view(d: DeviceEntity): DeviceView {
  return { id: d.id, hallId: d.hallId, kind: d.kind, label: d.label, createdAt: d.createdAt, createdBy: d.createdBy, revokedAt: d.revokedAt };
}
