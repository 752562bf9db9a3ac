import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsNumber, Matches, Max, Min } from 'class-validator';
import { IsOptionalNotNull } from '../../common/validation/is-optional-not-null';
import { IsDisplayName } from '../../common/validation/is-display-name';

export class CreateCategoryDto {
  @ApiProperty({ example: 'enterprise', description: 'Stable code used by kiosks and the API.' })
  @Matches(/^[a-z0-9][a-z0-9_-]{0,31}$/, { message: 'code must be 1-32 lowercase letters, digits, - or _' })
  code: string;

  @ApiProperty({ example: 'A', description: 'Ticket number prefix: A gives A001.' })
  @Matches(/^[A-Z]{1,3}$/, { message: 'prefix must be 1-3 capital letters' })
  prefix: string;

  @ApiProperty({ example: '企业开办', maxLength: 120, description: 'Trimmed; no control, zero-width or text-direction characters.' })
  @IsDisplayName({ max: 120 })
  nameZh: string;

  @ApiProperty({ example: 'Enterprise declaration', maxLength: 120, description: 'Trimmed; no control, zero-width or text-direction characters.' })
  @IsDisplayName({ max: 120 })
  nameEn: string;

  @ApiProperty({ example: 1200, description: 'Target wait in seconds (e.g. 90% called within 20 min).' })
  @IsInt() @Min(60) @Max(86400)
  targetWaitSec: number;

  @ApiPropertyOptional({ example: 0.9, description: 'Share of tickets to call within the target wait.' })
  @IsOptionalNotNull() @IsNumber() @Min(0.5) @Max(0.999)
  targetShare?: number;

  @ApiPropertyOptional({ example: ['营业执照', '法定代表人身份证'], description: 'What to bring, each up to 200 characters, trimmed, no hidden characters.' })
  @IsOptionalNotNull() @IsArray() @ArrayMaxSize(20) @IsDisplayName({ max: 200, each: true })
  materials?: string[];

  @ApiProperty({ example: 600, description: 'Mean service time in seconds until the hall has its own history.' })
  @IsInt() @Min(10) @Max(36000)
  defaultServiceSec: number;

  @ApiPropertyOptional({ description: 'False pauses the category: kiosks show it closed.' })
  @IsOptionalNotNull() @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional()
  @IsOptionalNotNull() @IsInt() @Min(0) @Max(1000)
  sortOrder?: number;
}

export class UpdateCategoryDto extends PartialType(CreateCategoryDto, { skipNullProperties: false }) {}
