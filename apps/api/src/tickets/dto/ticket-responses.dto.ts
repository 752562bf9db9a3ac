import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CitizenTicketBody, PriorityClass, TicketBody, TicketChannel, TicketStatus, TrackedTicketBody, WaitEstimate } from '@hallq/contracts';

export class WaitEstimateDto implements WaitEstimate {
  @ApiProperty({ description: 'Expected wait in seconds.' }) expectedSec: number;
  @ApiProperty({ description: 'Low end of the range (p10), seconds.' }) lowSec: number;
  @ApiProperty({ description: 'High end of the range (p90), seconds.' }) highSec: number;
  @ApiPropertyOptional({ description: "Probability of being called within the category's target wait." }) withinTargetProbability?: number;
  @ApiProperty({ enum: ['stand-in', 'forecast'], description: "'stand-in' only while the hall's forecaster loads after a start." })
  source: WaitEstimate['source'];
}

/** A ticket as staff and hall devices see it: never its tracking token (that goes only to whoever took it). */
export class TicketResponseDto implements TicketBody {
  @ApiProperty() id: string;
  @ApiProperty() hallId: string;
  @ApiProperty({ example: 'A023' }) number: string;
  @ApiProperty({ example: 'enterprise', description: 'Category code.' }) category: string;
  @ApiProperty() categoryId: string;
  @ApiProperty({ enum: ['normal', 'priority'] }) priority: PriorityClass;
  @ApiProperty({ enum: ['kiosk', 'web', 'appointment'] }) channel: TicketChannel;
  @ApiProperty({ enum: ['waiting', 'called', 'serving', 'done', 'no_show', 'cancelled', 'unserved'] }) status: TicketStatus;
  @ApiProperty({ example: '2026-11-28' }) serviceDay: string;
  @ApiProperty({ description: 'Epoch ms; a transfer keeps it.' }) issuedAt: number;
  @ApiProperty({ nullable: true, type: Number }) calledAt: number | null;
  @ApiProperty({ nullable: true, type: Number }) startedAt: number | null;
  @ApiProperty({ nullable: true, type: Number }) finishedAt: number | null;
  @ApiProperty({ nullable: true, type: String }) windowId: string | null;
  @ApiProperty({ nullable: true, type: String, example: '5', description: 'The window to go to once called.' }) windowLabel: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Set when transferred to one specific window.' }) targetWindowId: string | null;
  @ApiProperty() recallCount: number;
  @ApiProperty() transferCount: number;
}

export class IssuedTicketResponseDto extends TicketResponseDto implements TrackedTicketBody {
  @ApiProperty({ description: 'Unguessable tracking token for the phone page /t/<token>; only in the answer to whoever took the ticket.' }) token: string;
  @ApiProperty({ description: 'Waiting tickets that will be called before this one.' }) peopleAhead: number;
  @ApiPropertyOptional({ type: WaitEstimateDto, nullable: true }) estimatedWait: WaitEstimateDto | null;
  @ApiProperty({ example: '/t/3q2-…', description: 'Path of the phone page that tracks this ticket.' }) trackPath: string;
}

export class CitizenTicketResponseDto extends IssuedTicketResponseDto implements CitizenTicketBody {
  @ApiProperty() hallName: string;
  @ApiProperty() categoryNameZh: string;
  @ApiProperty() categoryNameEn: string;
  @ApiProperty({ type: [String], description: 'What to bring.' }) materials: string[];
}
