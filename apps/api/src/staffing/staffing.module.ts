import { Module } from '@nestjs/common';
import { AdviceAuditRepository } from './advice-audit.repository';
import { StaffingController } from './staffing.controller';
import { StaffingService } from './staffing.service';
import { StaffOnDutyRepository } from './staff-on-duty.repository';
import { ForecastModule } from '../forecast/forecast.module';

/** The manager's staffing console: advice, apply, dismiss, what-if, day plan, audit. */
@Module({ imports: [ForecastModule], controllers: [StaffingController], providers: [StaffingService, AdviceAuditRepository, StaffOnDutyRepository] })
export class StaffingModule {}
