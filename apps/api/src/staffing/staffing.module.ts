import { Module } from '@nestjs/common';
import { AdviceAuditRepository } from './advice-audit.repository';
import { StaffingController } from './staffing.controller';
import { StaffingService } from './staffing.service';

/** The manager's staffing console: advice, apply, dismiss, what-if, day plan, audit. Queue and forecast modules are global. */
@Module({ controllers: [StaffingController], providers: [StaffingService, AdviceAuditRepository] })
export class StaffingModule {}
