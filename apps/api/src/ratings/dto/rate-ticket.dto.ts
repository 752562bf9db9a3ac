import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RATING_REASONS, type RatingReason, type RatingSource } from '@hallq/contracts';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, Max, Min } from 'class-validator';
import { IsOptionalNotNull } from '../../common/validation/is-optional-not-null';
import { IsDisplayName } from '../../common/validation/is-display-name';

export class RateTicketDto {
  @ApiProperty({ minimum: 1, maximum: 5, example: 4, description: '1 (very poor) to 5 (very good).' })
  @IsInt({ message: 'score must be a whole number from 1 to 5' })
  @Min(1, { message: 'score must be a whole number from 1 to 5' })
  @Max(5, { message: 'score must be a whole number from 1 to 5' })
  score: number;

  @ApiPropertyOptional({ enum: RATING_REASONS, isArray: true, example: ['waited_too_long'], description: 'What went wrong, from a fixed list.' })
  @IsOptionalNotNull() @IsArray() @ArrayMaxSize(RATING_REASONS.length) @ArrayUnique()
  @IsIn(RATING_REASONS, { each: true, message: `each reason must be one of: ${RATING_REASONS.join(', ')}` })
  reasons?: RatingReason[];

  @ApiPropertyOptional({
    maxLength: 200, example: '材料已经交过一次', description: 'Trimmed; line breaks allowed, no other hidden characters; empty or only spaces counts as no comment.',
  })
  @IsOptionalNotNull() @IsDisplayName({ max: 200, multiline: true, blankIsNone: true })
  comment?: string;
}

export class RatingResponseDto {
  @ApiProperty() ticketId: string;
  @ApiProperty({ example: 'A003' }) number: string;
  @ApiProperty() score: number;
  @ApiProperty({ enum: RATING_REASONS, isArray: true }) reasons: RatingReason[];
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2' }) window: string | null;
  @ApiProperty({ example: 'enterprise' }) category: string;
  @ApiProperty({ description: 'epoch ms' }) at: number;
  @ApiProperty({ enum: ['phone', 'pad'], description: "pad: entered at the counter pad; the citizen's own phone rating of the ticket replaces it" })
  source: RatingSource;
}
