import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsOptionalNotNull } from '../../common/validation/is-optional-not-null';
import { IsDisplayName } from '../../common/validation/is-display-name';

export class TransferDto {
  @ApiPropertyOptional({ example: 'tax', description: 'Send the ticket to the line of this category (code).' })
  @IsOptionalNotNull() @IsString() @IsNotEmpty() @MaxLength(32)
  category?: string;

  @ApiPropertyOptional({ description: 'Or send it to this one window (id); only that window may call it.' })
  @IsOptionalNotNull() @IsString() @IsNotEmpty() @MaxLength(36)
  window?: string;
}

export class PauseDto {
  @ApiProperty({ example: '午休', maxLength: 200, description: 'Why the window pauses; shown to the manager and logged. Trimmed; no hidden characters.' })
  @IsDisplayName({ max: 200 })
  reason: string;
}

export class CallTicketDto {
  @ApiPropertyOptional({ description: 'Id of the waiting ticket to call.' })
  @IsOptionalNotNull() @IsString() @IsNotEmpty() @MaxLength(36)
  ticketId?: string;

  @ApiPropertyOptional({ example: 'A023', description: 'Or its number (today).' })
  @IsOptionalNotNull() @IsString() @IsNotEmpty() @MaxLength(12)
  number?: string;

  @ApiProperty({ example: 'Appointment at 10:30', maxLength: 200, description: 'Why it is called out of order; logged. Trimmed; no hidden characters.' })
  @IsDisplayName({ max: 200 })
  reason: string;
}
