import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { requireHall } from '@hallq/queue';
import { Subject } from 'rxjs';
import { DataSource } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { CredentialsService } from './credentials.service';
import { DeviceEntity, type DeviceKind } from './entities/device.entity';

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
    private readonly dataSource: DataSource,
    private readonly credentials: CredentialsService,
  ) {}

  async issue(hallId: string, kind: DeviceKind, label: string, createdBy: string): Promise<DeviceView & { token: string }> {
    await requireHall(this.dataSource.manager, hallId);
    const { token, hash } = CredentialsService.newDeviceToken();
    const row = this.dataSource.getRepository(DeviceEntity).create({ id: randomUUID(), hallId, kind, label, tokenHash: hash, createdAt: Date.now(), createdBy, revokedAt: null });
    await this.dataSource.getRepository(DeviceEntity).insert(row);
    return { ...view(row), token };
  }

  /** A fixed token for the demo's own kiosk and screen (never in production: the demo seed is off there). */
  async ensureDemoDevice(hallId: string, kind: DeviceKind, label: string, token: string): Promise<void> {
    const repo = this.dataSource.getRepository(DeviceEntity);
    const hash = CredentialsService.hashDeviceToken(token);
    if (await repo.existsBy({ tokenHash: hash })) return;
    await repo.insert(repo.create({ id: randomUUID(), hallId, kind, label, tokenHash: hash, createdAt: Date.now(), createdBy: 'demo', revokedAt: null }));
  }

  async list(hallId: string): Promise<DeviceView[]> {
    await requireHall(this.dataSource.manager, hallId);
    const rows = await this.dataSource.getRepository(DeviceEntity).find({ where: { hallId }, order: { createdAt: 'ASC' } });
    return rows.map(view);
  }

  async revoke(hallId: string, deviceId: string): Promise<DeviceView> {
    const repo = this.dataSource.getRepository(DeviceEntity);
    const d = await repo.findOneBy({ id: deviceId, hallId });
    if (!d) throw new AppError('DEVICE_NOT_FOUND', { deviceId });
    if (d.revokedAt === null) {
      d.revokedAt = Date.now();
      await repo.update({ id: d.id }, { revokedAt: d.revokedAt });
      this.credentials.forget();
      this.revoked$.next(d.id);
    }
    return view(d);
  }
}

function view(d: DeviceEntity): DeviceView {
  return { id: d.id, hallId: d.hallId, kind: d.kind, label: d.label, createdAt: d.createdAt, createdBy: d.createdBy, revokedAt: d.revokedAt };
}
