import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, PRIORITY_CLASSES, type Channel, type PriorityClass } from '@hallq/queue';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { IsOptionalNotNull } from '../../common/validation/is-optional-not-null';

export class IssueTicketDto {
  @ApiProperty({ example: 'enterprise', description: 'Category code.' })
  @IsString() @MinLength(1) @MaxLength(32)
  category: string;

  @ApiPropertyOptional({ enum: PRIORITY_CLASSES, default: 'normal', description: '"priority" for elderly, disabled or pregnant visitors.' })
  @IsOptionalNotNull() @IsIn(PRIORITY_CLASSES)
  priority?: PriorityClass;

  @ApiPropertyOptional({ enum: CHANNELS, default: 'kiosk' })
  @IsOptionalNotNull() @IsIn(CHANNELS)
  channel?: Channel;
}
