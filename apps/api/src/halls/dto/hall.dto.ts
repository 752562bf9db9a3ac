import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsString, Matches, MaxLength } from 'class-validator';
import { IsOptionalNotNull } from '../../common/validation/is-optional-not-null';
import { IsDisplayName } from '../../common/validation/is-display-name';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export class CreateHallDto {
  @ApiProperty({ example: '浦东新区市民中心', maxLength: 120, description: 'Trimmed; no control, zero-width or text-direction characters.' })
  @IsDisplayName({ max: 120 })
  name: string;

  @ApiPropertyOptional({ example: 'Asia/Shanghai', description: 'IANA time zone; the service day follows it.' })
  @IsOptionalNotNull() @IsString() @MaxLength(64)
  timeZone?: string;

  @ApiPropertyOptional({ example: '09:00', description: 'Local opening time; equal to closesAt means always open.' })
  @IsOptionalNotNull() @Matches(HHMM, { message: 'opensAt must be a local time as HH:MM, e.g. 08:30' })
  opensAt?: string;

  @ApiPropertyOptional({ example: '17:00' })
  @IsOptionalNotNull() @Matches(HHMM, { message: 'closesAt must be a local time as HH:MM, e.g. 17:30' })
  closesAt?: string;

  @ApiPropertyOptional({ description: 'Keep tickets still waiting at the end of the day in line for the next day.' })
  @IsOptionalNotNull() @IsBoolean()
  keepLineOvernight?: boolean;
}

export class UpdateHallDto extends PartialType(CreateHallDto, { skipNullProperties: false }) {}
