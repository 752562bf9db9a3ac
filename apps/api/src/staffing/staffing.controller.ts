import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PlanQueryDto } from './dto/plan-query.dto';
import { DismissAdviceDto, StaffingActionDto, StaffOnDutyDto, WhatIfDto } from './dto/staffing.dto';
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
  @ApiOperation({
    summary: 'Windows needed per category, and the window changes that fit the hall, each with its effect',
    description:
      "Every wait is the hall forecaster's prediction: a category's `before` is the board's wait now, an action's `after` the " +
      'what-if of that one change, a category\'s `after` the what-if of all actions together. Windows are whole open windows. ' +
      '`advised`, `needNow`, `needNextHour`, `needBacklog`, `serviceLevel` and `clearsInMin` are steady-state staffing figures ' +
      '(Erlang A, fluid drain), not predictions. Never more open windows than the hall has or clerks are on duty (`staff`); ' +
      "what stays short is `unmet` and the category's one `short` headline.",
  })
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

  @Get('staff')
  @ApiOperation({ summary: "Today's clerks on duty (one per window unless the manager set it today)" })
  staff(@Param('hallId') hallId: string) {
    return this.staffing.staff(hallId);
  }

  @Put('staff')
  @ApiOperation({ summary: "Set today's clerks on duty (until the service day ends; logged): the advice opens no more windows than that" })
  setStaff(@Param('hallId') hallId: string, @Body() dto: StaffOnDutyDto, @Caller() who: Principal) {
    return this.staffing.setStaff(hallId, dto, actorName(who));
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
