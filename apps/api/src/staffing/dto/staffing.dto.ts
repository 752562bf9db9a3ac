import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsOptionalNotNull } from '../../common/validation/is-optional-not-null';
import { IsDisplayName } from '../../common/validation/is-display-name';

export class StaffingActionDto {
  @ApiProperty({ enum: ['open', 'move', 'close'] })
  @IsIn(['open', 'move', 'close'])
  kind: 'open' | 'move' | 'close';

  @ApiProperty({ description: 'The window the action is about (id).' })
  @IsString() @IsNotEmpty() @MaxLength(36)
  windowId: string;

  @ApiProperty({ example: 'enterprise', description: 'The category the action serves (code).' })
  @IsString() @IsNotEmpty() @MaxLength(32)
  category: string;

  @ApiPropertyOptional({ example: 'tax', description: 'For a move: the category the window leaves (code).' })
  @IsOptionalNotNull() @IsString() @IsNotEmpty() @MaxLength(32)
  fromCategory?: string;

  @ApiPropertyOptional({
    example: ['enterprise'],
    description: "For open and move: the window's whole work profile to set (codes), as the advice's `categories`. Default: the category only.",
  })
  @IsOptionalNotNull() @IsArray() @ArrayMaxSize(50) @IsString({ each: true })
  categories?: string[];
}

export class DismissAdviceDto extends StaffingActionDto {
  @ApiPropertyOptional({ example: 'Clerk not available', maxLength: 200, description: 'Trimmed; no hidden characters.' })
  @IsOptionalNotNull() @IsDisplayName({ max: 200 })
  reason?: string;
}

export class WhatIfWindowDto {
  @ApiProperty()
  @IsString() @IsNotEmpty() @MaxLength(36)
  windowId: string;

  @ApiPropertyOptional({ enum: ['open', 'paused', 'closed'] })
  @IsOptionalNotNull() @IsIn(['open', 'paused', 'closed'])
  state?: 'open' | 'paused' | 'closed';

  @ApiPropertyOptional({ example: ['enterprise'], description: 'Work profile to try (codes).' })
  @IsOptionalNotNull() @IsArray() @ArrayMaxSize(50) @IsString({ each: true })
  categories?: string[];
}

export class WhatIfDto {
  @ApiProperty({ type: [WhatIfWindowDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => WhatIfWindowDto)
  windows: WhatIfWindowDto[];
}

export class StaffOnDutyDto {
  @ApiProperty({
    example: 7, minimum: 0, maximum: 1000,
    description: "Clerks on duty in the hall today (until the service day ends): the advice never has more windows open. Default: one per window.",
  })
  @IsInt() @Min(0) @Max(1000)
  clerksOnDuty: number;
}
