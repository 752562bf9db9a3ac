import { ApiProperty } from '@nestjs/swagger';
import { FIRST_SERVICE_DAY, IsServiceDay, LAST_SERVICE_DAY } from '../../common/validation/service-day';

/** A range of service days; each day is checked here, the range (order, length) by dayRange. */
export class DayRangeQueryDto {
  @ApiProperty({ example: '2026-11-30', description: `First service day, YYYY-MM-DD in the hall time zone, ${FIRST_SERVICE_DAY} to ${LAST_SERVICE_DAY}.` })
  @IsServiceDay()
  from: string;

  @ApiProperty({ example: '2026-11-30', description: 'Last service day (inclusive); at most 93 days after from.' })
  @IsServiceDay()
  to: string;
}
