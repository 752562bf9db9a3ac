import { ApiPropertyOptional } from '@nestjs/swagger';
import { FIRST_SERVICE_DAY, IsServiceDay, LAST_SERVICE_DAY } from '../../common/validation/service-day';
import { IsOptionalNotNull } from '../../common/validation/is-optional-not-null';

export class PlanQueryDto {
  @ApiPropertyOptional({
    example: '2026-12-01',
    description: `The day to plan, YYYY-MM-DD in the hall time zone, ${FIRST_SERVICE_DAY} to ${LAST_SERVICE_DAY}; default tomorrow.`,
  })
  @IsOptionalNotNull() @IsServiceDay()
  date?: string;
}
