import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TicketResponseDto, WaitEstimateDto } from '../../tickets/dto/ticket-responses.dto';

export class CategoryResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() hallId: string;
  @ApiProperty({ example: 'enterprise' }) code: string;
  @ApiProperty({ example: 'A' }) prefix: string;
  @ApiProperty({ example: '企业开办' }) nameZh: string;
  @ApiProperty({ example: 'Enterprise declaration' }) nameEn: string;
  @ApiProperty({ example: 1200 }) targetWaitSec: number;
  @ApiProperty({ example: 0.9 }) targetShare: number;
  @ApiProperty({ type: [String] }) materials: string[];
  @ApiProperty({ example: 600 }) defaultServiceSec: number;
  @ApiProperty() active: boolean;
  @ApiProperty() sortOrder: number;
}

export class WindowResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() hallId: string;
  @ApiProperty({ example: '5' }) label: string;
  @ApiProperty({ enum: ['open', 'paused', 'closed'] }) state: string;
  @ApiProperty({ nullable: true, type: String }) pauseReason: string | null;
  @ApiProperty({ type: [String], description: 'Work profile as category codes, in order of preference.' }) categories: string[];
  @ApiProperty({ type: [String], description: 'The same profile as category ids.' }) categoryIds: string[];
}

export class HallResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone: string;
  @ApiProperty({ example: '09:00' }) opensAt: string;
  @ApiProperty({ example: '17:00' }) closesAt: string;
  @ApiProperty() keepLineOvernight: boolean;
  @ApiProperty({ type: [CategoryResponseDto] }) categories: CategoryResponseDto[];
  @ApiProperty({ type: [WindowResponseDto] }) windows: WindowResponseDto[];
}

export class LineResponseDto {
  @ApiProperty({ type: CategoryResponseDto }) category: CategoryResponseDto;
  @ApiProperty({ description: 'Tickets waiting in this category.' }) waiting: number;
  @ApiProperty() priorityWaiting: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Issue time (epoch ms) of the longest-waiting ticket.' }) oldestIssuedAt: number | null;
  @ApiProperty({ description: 'Open windows whose profile includes this category.' }) openWindows: number;
  @ApiPropertyOptional({ type: WaitEstimateDto, nullable: true, description: 'Wait for a ticket taken now.' }) waitNow: WaitEstimateDto | null;
}

export class WindowStateDto extends WindowResponseDto {
  @ApiProperty({ type: TicketResponseDto, nullable: true }) current: TicketResponseDto | null;
}

export class HallStateHallDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() timeZone: string;
  @ApiProperty() opensAt: string;
  @ApiProperty() closesAt: string;
  @ApiProperty() keepLineOvernight: boolean;
  @ApiProperty({ example: '2026-11-28' }) serviceDay: string;
  @ApiProperty() isOpen: boolean;
}

export class HallStateResponseDto {
  @ApiProperty({ type: HallStateHallDto }) hall: HallStateHallDto;
  @ApiProperty({ type: [LineResponseDto] }) lines: LineResponseDto[];
  @ApiProperty({ type: [WindowStateDto] }) windows: WindowStateDto[];
  @ApiProperty({ type: [TicketResponseDto], description: 'Last called tickets, newest first.' }) recentCalls: TicketResponseDto[];
  @ApiProperty({ type: [TicketResponseDto], description: 'Waiting tickets, oldest first.' }) waiting: TicketResponseDto[];
  @ApiProperty({ description: 'Server time of this view (epoch ms).' }) at: number;
}
