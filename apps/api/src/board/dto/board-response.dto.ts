import { ApiProperty } from '@nestjs/swagger';
import { WaitEstimateDto } from '../../tickets/dto/ticket-responses.dto';

export class BoardTicketDto {
  @ApiProperty({ example: 'A023' }) number: string;
  @ApiProperty({ example: 'enterprise' }) category: string;
  @ApiProperty({ enum: ['called', 'serving'] }) status: string;
  @ApiProperty({ nullable: true, type: Number }) calledAt: number | null;
  @ApiProperty({ nullable: true, type: Number }) startedAt: number | null;
}

export class BoardWindowDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: '5' }) label: string;
  @ApiProperty({ enum: ['open', 'paused', 'closed'] }) state: string;
  @ApiProperty({ nullable: true, type: String }) pauseReason: string | null;
  @ApiProperty({ type: [String], description: 'Work profile as category codes, in order of preference.' }) categories: string[];
  @ApiProperty({ type: BoardTicketDto, nullable: true }) current: BoardTicketDto | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Seconds since the current ticket was started (serving) or called; null with none.' })
  inServiceSec: number | null;
  @ApiProperty({ description: 'Tickets this window finished today (service day).' }) servedToday: number;
  @ApiProperty({ description: 'Seconds open today so far.' }) openSecToday: number;
  @ApiProperty({ description: 'Seconds with a ticket called or in service today so far.' }) busySecToday: number;
  @ApiProperty({ nullable: true, type: Number, example: 0.82, description: 'Busy share of open time today, 0-1; null when not open today.' })
  utilizationToday: number | null;
}

export class BoardForecastDto {
  @ApiProperty({ example: 24.5, description: "Arrivals expected over the next hour (the hall's forecaster)." }) arrivals: number;
  @ApiProperty({ example: 22, description: 'Forecast arrival rate now, per hour.' }) arrivalsPerHourNow: number;
}

export class BoardCategoryDto {
  @ApiProperty({ example: 'enterprise' }) code: string;
  @ApiProperty({ example: 'A' }) prefix: string;
  @ApiProperty() nameZh: string;
  @ApiProperty() nameEn: string;
  @ApiProperty({ description: 'Tickets waiting now.' }) waiting: number;
  @ApiProperty() openWindows: number;
  @ApiProperty({ type: WaitEstimateDto, nullable: true, description: 'Wait for a ticket taken now; null when no window serves it.' })
  waitNow: WaitEstimateDto | null;
  @ApiProperty({ example: 1200 }) targetWaitSec: number;
  @ApiProperty({ description: "Today's tickets of the category called so far." }) calledToday: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Median wait (issue to first call) of those, seconds.' }) waitP50TodaySec: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'p90 wait (issue to first call, nearest rank) of those, seconds.' }) waitP90TodaySec: number | null;
  @ApiProperty({ type: BoardForecastDto, nullable: true }) forecastNextHour: BoardForecastDto | null;
}

export class BoardHallDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() timeZone: string;
  @ApiProperty({ example: '2026-11-30' }) serviceDay: string;
  @ApiProperty() isOpen: boolean;
}

export class BoardResponseDto {
  @ApiProperty({ description: "Epoch ms of the hall's clock." }) at: number;
  @ApiProperty({ type: BoardHallDto }) hall: BoardHallDto;
  @ApiProperty({ type: [BoardWindowDto] }) windows: BoardWindowDto[];
  @ApiProperty({ type: [BoardCategoryDto] }) categories: BoardCategoryDto[];
}

export class LinePointDto {
  @ApiProperty({ description: 'Epoch ms.' }) at: number;
  @ApiProperty({ description: 'Tickets of the category in line at that moment.' }) waiting: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Mean wait (issue to first call), seconds, of the tickets first called in the step ending here.',
  })
  waitSec: number | null;
  @ApiProperty({ description: 'How many tickets waitSec is over.' }) called: number;
}

export class ForecastPointDto {
  @ApiProperty({ description: 'Epoch ms.' }) at: number;
  @ApiProperty({ description: 'Expected line length (fluid model: forecast arrivals in, open windows / mean service out).' }) waiting: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Expected wait for a ticket taken then, seconds; null when no window serves the line.' })
  waitSec: number | null;
}

export class TodayCategoryDto {
  @ApiProperty({ example: 'enterprise' }) code: string;
  @ApiProperty({ example: 'A' }) prefix: string;
  @ApiProperty() nameZh: string;
  @ApiProperty() nameEn: string;
  @ApiProperty({ example: 1200 }) targetWaitSec: number;
  @ApiProperty({ type: [LinePointDto], description: "From the day's first ticket (or the opening, before any) to now, every stepSec, and now." })
  actual: LinePointDto[];
  @ApiProperty({ type: [ForecastPointDto], description: 'Now, then 4 steps of forecastStepSec.' }) forecast: ForecastPointDto[];
}

export class TodayResponseDto {
  @ApiProperty() at: number;
  @ApiProperty({ description: 'Epoch ms of the first point.' }) from: number;
  @ApiProperty() stepSec: number;
  @ApiProperty({ description: 'Half a forecaster slot (15 min by default): the forecast covers the next hour.' }) forecastStepSec: number;
  @ApiProperty({ type: BoardHallDto }) hall: BoardHallDto;
  @ApiProperty({ type: [TodayCategoryDto] }) categories: TodayCategoryDto[];
}
