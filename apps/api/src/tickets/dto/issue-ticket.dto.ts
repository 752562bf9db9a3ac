import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, PRIORITY_CLASSES, type Channel, type PriorityClass } from '@hallq/queue';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class IssueTicketDto {
  @ApiProperty({ example: 'enterprise', description: 'Category code.' })
  @IsString() @MinLength(1) @MaxLength(32)
  category: string;

  @ApiPropertyOptional({ enum: PRIORITY_CLASSES, default: 'normal', description: '"priority" for elderly, disabled or pregnant visitors.' })
  @IsOptional() @IsIn(PRIORITY_CLASSES)
  priority?: PriorityClass;

  @ApiPropertyOptional({ enum: CHANNELS, default: 'kiosk' })
  @IsOptional() @IsIn(CHANNELS)
  channel?: Channel;
}
