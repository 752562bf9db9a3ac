import { StaffOnDuty1764900000000 } from './1764900000000-staff-on-duty';

export const STAFFING_MIGRATIONS = [StaffOnDuty1764900000000];
