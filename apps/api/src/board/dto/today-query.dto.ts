import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { IsOptionalNotNull } from '../../common/validation/is-optional-not-null';

export class TodayQueryDto {
  @ApiPropertyOptional({ example: 900, description: 'Seconds between points, 10-3600; default: half a forecaster slot, or wider to keep about 60 points.' })
  @IsOptionalNotNull()
  @Type(() => Number)
  @IsInt({ message: 'stepSec must be a whole number of seconds' })
  @Min(10, { message: 'stepSec must be at least 10' })
  @Max(3600, { message: 'stepSec must be at most 3600' })
  stepSec?: number;
}
