import { Inject, Injectable } from '@nestjs/common';
import type { ErrorReason } from '@hallq/contracts';
import type { StaffingEffect } from '@hallq/forecast';
import {
  HallAdminService, hhmmToMinutes, localMinutesOf, localTimeToEpoch, QueueError, QueueService, serviceDayOf,
  type Clock, type WindowView,
} from '@hallq/queue';
import { categorySnapshotOf } from '../forecast/forecast-events';
import { HallForecastService } from '../forecast/hall-forecast.service';
import { CLOCK } from '../queue/clock';
import { parseServiceDay } from '../common/validation/service-day';
import { AdviceAuditRepository } from './advice-audit.repository';
import { adviceView, minutes, round2 } from './advice-view';
import type { DismissAdviceDto, StaffingActionDto, StaffOnDutyDto, WhatIfDto } from './dto/staffing.dto';
import { StaffOnDutyRepository } from './staff-on-duty.repository';

/** Staffing advice from libs/forecast, turned into actions a manager applies or dismisses (audited). */
@Injectable()
export class StaffingService {
  constructor(
    private readonly forecasts: HallForecastService,
    private readonly admin: HallAdminService,
    private readonly queue: QueueService,
    private readonly audits: AdviceAuditRepository,
    private readonly staffOnDuty: StaffOnDutyRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The advice for the hall now, within today's clerks on duty. Read after the hall's predictions are up to
   * date, so its 'before' is the board's wait now (the same forecaster on the same hall at the same time).
   */
  async advice(hallId: string) {
    await this.forecasts.upToDate(hallId);
    const forecast = await this.forecasts.snapshot(hallId);
    const { state } = forecast;
    const clerks = await this.staffOnDuty.findForDay(hallId, state.hall.serviceDay);
    const a = await forecast.advise({ clerksOnDuty: clerks ?? undefined });
    const cats = new Map(state.lines.map((l) => [l.category.id, l.category]));
    const wins = new Map(state.windows.map((w) => [w.id, w]));
    return adviceView(a, cats, wins, clerks !== null);
  }

  /** Today's clerks on duty: the count set today, or one per window when none was set. */
  async staff(hallId: string) {
    const hall = await this.admin.getHall(hallId);
    const serviceDay = serviceDayOf(this.clock.now(), hall.timeZone);
    const set = await this.staffOnDuty.findForDay(hallId, serviceDay);
    return { serviceDay, windowsInHall: hall.windows.length, clerksOnDuty: set ?? hall.windows.length, clerksSetToday: set !== null };
  }

  /** Sets today's clerks on duty (until the service day ends); logged. */
  async setStaff(hallId: string, dto: StaffOnDutyDto, actor = 'manager') {
    const hall = await this.admin.getHall(hallId);
    const serviceDay = serviceDayOf(this.clock.now(), hall.timeZone);
    await this.staffOnDuty.setForDay({ hallId, serviceDay, clerksOnDuty: dto.clerksOnDuty, setAt: this.clock.now(), setBy: actor });
    await this.audit(hallId, actor, 'staff.set', { serviceDay, clerksOnDuty: dto.clerksOnDuty });
    return this.staff(hallId);
  }

  /** Applies one advised action. Refused (409, nothing changed) when the hall no longer fits it. */
  /** `actor`: who applied it, for the audit log (the signed-in manager's username). */
  async apply(hallId: string, dto: StaffingActionDto, actor = 'manager') {
    const hall = await this.admin.getHall(hallId);
    const w = hall.windows.find((x) => x.id === dto.windowId);
    if (!w) throw new QueueError('WINDOW_NOT_FOUND', { windowId: dto.windowId });
    const codes = new Set(hall.categories.map((c) => c.code));
    for (const c of [dto.category, dto.fromCategory, ...(dto.categories ?? [])]) {
      if (c !== undefined && !codes.has(c)) throw new QueueError('CATEGORY_NOT_FOUND', { category: c });
    }
    const before = { state: w.state, categories: w.categories };
    let after: WindowView;
    switch (dto.kind) {
      case 'open': {
        if (w.state === 'open') throw stale('ALREADY_OPEN', w);
        // The window serves what the action said ("will serve K only"), never its old profile besides.
        const profile = dto.categories ?? [dto.category];
        if (!sameList(profile, w.categories)) await this.admin.updateWindow(hallId, w.id, { categories: profile });
        after = await this.queue.windowAction(hallId, w.id, w.state === 'paused' ? 'resume' : 'open');
        break;
      }
      case 'move': {
        if (w.state !== 'open') throw stale('OPEN_TO_MOVE', w);
        if (dto.fromCategory && !w.categories.includes(dto.fromCategory)) throw stale('NO_LONGER_SERVES', w, { category: dto.fromCategory });
        const profile = dto.categories ?? [dto.category];
        if (sameList(profile, w.categories)) throw stale('SAME_PROFILE', w);
        after = await this.admin.updateWindow(hallId, w.id, { categories: profile });
        break;
      }
      case 'close': {
        if (w.state === 'closed') throw stale('ALREADY_CLOSED', w);
        after = await this.queue.windowAction(hallId, w.id, 'close');
        break;
      }
    }
    const data = { ...dto, window: w.label, before, after: { state: after.state, categories: after.categories } };
    const entry = await this.audit(hallId, actor, 'advice.applied', data);
    return { window: after, auditId: entry.id };
  }

  async dismiss(hallId: string, dto: DismissAdviceDto, actor = 'manager') {
    await this.admin.getHall(hallId);
    const entry = await this.audit(hallId, actor, 'advice.dismissed', { ...dto });
    return { auditId: entry.id };
  }

  /** The effect of a change the manager proposes, without making it. */
  async whatIf(hallId: string, dto: WhatIfDto) {
    const forecast = await this.forecasts.snapshot(hallId);
    const { state } = forecast;
    const idOf = new Map(state.lines.map((l) => [l.category.code, l.category.id]));
    const wins = new Set(state.windows.map((w) => w.id));
    const change = {
      windows: dto.windows.map((w) => {
        if (!wins.has(w.windowId)) throw new QueueError('WINDOW_NOT_FOUND', { windowId: w.windowId });
        const categoryIds = w.categories?.map((c) => {
          const id = idOf.get(c);
          if (!id) throw new QueueError('CATEGORY_NOT_FOUND', { category: c });
          return id;
        });
        return { windowId: w.windowId, state: w.state, categoryIds };
      }),
    };
    const r = forecast.whatIf(change);
    const cats = new Map(state.lines.map((l) => [l.category.id, l.category]));
    return {
      at: state.at,
      categories: r.categories.map((c) => ({
        category: cats.get(c.categoryId)?.code ?? c.categoryId,
        before: whatIfEffect(c.before),
        after: whatIfEffect(c.after),
      })),
    };
  }

  /**
   * The window plan for a coming day (default: tomorrow in the hall's time zone), per half hour of the
   * opening hours, from the hall's weekday-and-slot history.
   */
  async plan(hallId: string, date?: string) {
    const hall = await this.admin.getHall(hallId);
    const now = this.clock.now();
    const day = date ?? serviceDayOf(now + 24 * 3_600_000, hall.timeZone);
    parseServiceDay(day, 'date');
    const allDay = hall.opensAt === hall.closesAt;
    const from = localTimeToEpoch(day, allDay ? 0 : hhmmToMinutes(hall.opensAt), hall.timeZone);
    let to = localTimeToEpoch(day, allDay ? 24 * 60 : hhmmToMinutes(hall.closesAt), hall.timeZone);
    if (to <= from) to += 24 * 3_600_000; // open past midnight
    const forecast = await this.forecasts.snapshot(hallId);
    const cats = new Map(hall.categories.map((c) => [c.id, c]));
    const slots = forecast.plan(hall.categories.map(categorySnapshotOf), from, to);
    return {
      date: day,
      stepMinutes: 30,
      windowsInHall: hall.windows.length,
      peakWindows: Math.max(0, ...slots.map((s) => s.totalWindows)),
      slots: slots.map((s) => ({
        start: s.start,
        local: localHhmm(s.start, hall.timeZone),
        totalWindows: s.totalWindows,
        categories: s.categories.map((c) => ({
          category: cats.get(c.categoryId)?.code ?? c.categoryId, arrivalsPerHour: c.arrivalsPerHour, windows: c.windows,
        })),
      })),
    };
  }

  async auditLog(hallId: string, limit = 100) {
    await this.admin.getHall(hallId);
    const rows = await this.audits.latest(hallId, limit);
    return rows.map((r) => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, data: r.data }));
  }

  private async audit(hallId: string, actor: string, action: string, data: Record<string, unknown>) {
    return this.audits.record({ hallId, at: this.clock.now(), actor, action, data });
  }
}

/** A what-if side: whole windows and the forecaster's wait (expectedWaitMin = predictedWaitMin); the rest steady-state figures. */
function whatIfEffect(e: StaffingEffect & { predictedWaitMs: number; pWithinTarget: number }) {
  const wait = minutes(e.predictedWaitMs);
  return {
    windows: e.windows, expectedWaitMin: wait, predictedWaitMin: wait, pWithinTarget: round2(e.pWithinTarget),
    serviceLevel: round2(e.serviceLevel), clearsInMin: minutes(e.clearsInMs),
  };
}

function localHhmm(at: number, timeZone: string): string {
  const m = localMinutesOf(at, timeZone);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
function stale(reason: ErrorReason, w: WindowView, more: Record<string, unknown> = {}): QueueError {
  return new QueueError('ILLEGAL_TRANSITION', { reason, windowId: w.id, label: w.label, state: w.state, categories: w.categories, ...more });
}
