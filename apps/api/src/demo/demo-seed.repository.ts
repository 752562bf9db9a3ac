import { Injectable } from '@nestjs/common';
import { HallEntity } from '@hallq/queue';
import { DataSource } from 'typeorm';

/** What the demo seed asks the database before it seeds: is it empty? */
@Injectable()
export class DemoSeedRepository {
  constructor(private readonly dataSource: DataSource) {}

  async anyHallExists(): Promise<boolean> {
    return (await this.dataSource.manager.count(HallEntity)) > 0;
  }
}
