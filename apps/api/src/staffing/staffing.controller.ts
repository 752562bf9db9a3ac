import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PlanQueryDto } from './dto/plan-query.dto';
import { DismissAdviceDto, StaffingActionDto, WhatIfDto } from './dto/staffing.dto';
import { StaffingService } from './staffing.service';
import { Access } from '../auth/access.decorator';
import { Caller } from '../auth/access.guard';
import { actorName, type Principal } from '../auth/principal';

/** The manager's staffing console: advice, one-action apply, dismiss, what-if, and the audit log. */
@ApiTags('staffing')
@Access('hall-manager')
@Controller('halls/:hallId')
export class StaffingController {
  constructor(private readonly staffing: StaffingService) {}

  @Get('advice')
  @ApiOperation({ summary: 'Windows needed per category now and over the next hour, and concrete actions with their expected effect' })
  advice(@Param('hallId') hallId: string) {
    return this.staffing.advice(hallId);
  }

  @Post('advice/apply')
  @HttpCode(200)
  @ApiOperation({ summary: 'Apply one advised action (open or move or close a window); 409 when it no longer fits the hall' })
  apply(@Param('hallId') hallId: string, @Body() dto: StaffingActionDto, @Caller() who: Principal) {
    return this.staffing.apply(hallId, dto, actorName(who));
  }

  @Post('advice/dismiss')
  @HttpCode(200)
  @ApiOperation({ summary: 'Dismiss an advised action (logged)' })
  dismiss(@Param('hallId') hallId: string, @Body() dto: DismissAdviceDto, @Caller() who: Principal) {
    return this.staffing.dismiss(hallId, dto, actorName(who));
  }

  @Post('what-if')
  @HttpCode(200)
  @ApiOperation({ summary: 'Expected effect of a proposed change of window states or work profiles, without making it' })
  whatIf(@Param('hallId') hallId: string, @Body() dto: WhatIfDto) {
    return this.staffing.whatIf(hallId, dto);
  }

  @Get('plan')
  @ApiOperation({ summary: "Window plan per half hour for a coming day (default tomorrow), from the hall's history" })
  plan(@Param('hallId') hallId: string, @Query() q: PlanQueryDto) {
    return this.staffing.plan(hallId, q.date);
  }

  @Get('audit')
  @ApiOperation({ summary: "The hall's audit log of manager actions, newest first" })
  audit(@Param('hallId') hallId: string) {
    return this.staffing.auditLog(hallId);
  }
}
