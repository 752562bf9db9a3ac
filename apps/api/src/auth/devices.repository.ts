import { Injectable } from '@nestjs/common';
import type { HallEntity } from '@hallq/queue';
import { requireHall } from '@hallq/queue/infrastructure';
import { DataSource, IsNull } from 'typeorm';
import { DeviceEntity } from './entities/device.entity';

/** Kiosk and screen devices, found by the hash of their token (the token itself is never stored). */
@Injectable()
export class DevicesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The hall, or HALL_NOT_FOUND. */
  requireHall(hallId: string): Promise<HallEntity> {
    return requireHall(this.dataSource.manager, hallId);
  }

  async insertDevice(device: DeviceEntity): Promise<void> {
    await this.devices.insert(device);
  }

  tokenHashExists(tokenHash: string): Promise<boolean> {
    return this.devices.existsBy({ tokenHash });
  }

  /** The device holding this token, unless it was revoked. */
  findActiveByTokenHash(tokenHash: string): Promise<DeviceEntity | null> {
    return this.devices.findOneBy({ tokenHash, revokedAt: IsNull() });
  }

  /** Oldest first. */
  listForHall(hallId: string): Promise<DeviceEntity[]> {
    return this.devices.find({ where: { hallId }, order: { createdAt: 'ASC' } });
  }

  findInHall(hallId: string, deviceId: string): Promise<DeviceEntity | null> {
    return this.devices.findOneBy({ id: deviceId, hallId });
  }

  async markRevoked(deviceId: string, at: number): Promise<void> {
    await this.devices.update({ id: deviceId }, { revokedAt: at });
  }

  private get devices() {
    return this.dataSource.getRepository(DeviceEntity);
  }
}
