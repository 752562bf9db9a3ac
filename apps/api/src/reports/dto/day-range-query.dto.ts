import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';

/** A range of service days; the format and the bounds are checked by dayRange (one clear message). */
export class DayRangeQueryDto {
  @ApiProperty({ example: '2026-11-30', description: 'First service day, YYYY-MM-DD in the hall time zone.' })
  @IsString({ message: 'from must be a date as YYYY-MM-DD' })
  from: string;

  @ApiProperty({ example: '2026-11-30', description: 'Last service day (inclusive); at most 93 days after from.' })
  @IsString({ message: 'to must be a date as YYYY-MM-DD' })
  to: string;
}
