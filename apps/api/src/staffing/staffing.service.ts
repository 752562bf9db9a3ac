import { Inject, Injectable } from '@nestjs/common';
import type { ErrorReason } from '@hallq/contracts';
import type { StaffingAction, StaffingEffect } from '@hallq/forecast';
import {
  HallAdminService, hhmmToMinutes, localMinutesOf, localTimeToEpoch, QueueError, QueueService, serviceDayOf,
  type CategoryView, type Clock, type WindowView,
} from '@hallq/queue';
import { categorySnapshotOf } from '../forecast/forecast-events';
import { HallForecastService } from '../forecast/hall-forecast.service';
import { CLOCK } from '../queue/clock';
import { parseServiceDay } from '../common/validation/service-day';
import { AdviceAuditRepository } from './advice-audit.repository';
import { actionText, headline, type Effect } from './advice-text';
import type { DismissAdviceDto, StaffingActionDto, WhatIfDto } from './dto/staffing.dto';

const MIN = 60_000;
const NO_EFFECT: Effect = { windows: 0, expectedWaitMin: null };

/** Staffing advice from libs/forecast, turned into actions a manager applies or dismisses (audited). */
@Injectable()
export class StaffingService {
  constructor(
    private readonly forecasts: HallForecastService,
    private readonly admin: HallAdminService,
    private readonly queue: QueueService,
    private readonly audits: AdviceAuditRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async advice(hallId: string) {
    const forecast = await this.forecasts.snapshot(hallId);
    const { state } = forecast;
    const a = forecast.advise();
    const cats = new Map(state.lines.map((l) => [l.category.id, l.category]));
    const wins = new Map(state.windows.map((w) => [w.id, w]));
    return {
      at: a.at,
      categories: a.categories.map((c) => {
        const cat = cats.get(c.categoryId)!;
        const before = effect(c.before);
        const after = effect(c.after);
        return {
          category: cat.code, nameZh: cat.nameZh, nameEn: cat.nameEn,
          current: round1(c.current), advised: c.advised, needNow: c.needNow, needNextHour: c.needNextHour, needBacklog: c.needBacklog,
          waiting: c.waiting, arrivalsPerHour: round1(c.arrivalsPerHour), before, after,
          headline: c.advised !== Math.round(c.current)
            ? headline(cat, before, after, { nextHour: c.needNextHour > Math.max(c.needNow, c.needBacklog), arrivalsPerHour: c.arrivalsPerHour })
            : null,
        };
      }),
      actions: a.actions.map((x) => this.presentAction(x, cats, wins)),
      unmet: a.unmet.map((u) => ({ category: cats.get(u.categoryId)?.code ?? u.categoryId, windows: u.windows })),
    };
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
        const profile = dto.categories ?? (w.categories.includes(dto.category) ? w.categories : [dto.category, ...w.categories]);
        if (!sameList(profile, w.categories)) await this.admin.updateWindow(hallId, w.id, { categories: profile });
        after = await this.queue.windowAction(hallId, w.id, w.state === 'paused' ? 'resume' : 'open');
        break;
      }
      case 'move': {
        if (w.state !== 'open') throw stale('OPEN_TO_MOVE', w);
        if (dto.fromCategory && !w.categories.includes(dto.fromCategory)) throw stale('NO_LONGER_SERVES', w, { category: dto.fromCategory });
        const profile = dto.categories ?? [dto.category, ...w.categories.filter((c) => c !== dto.category && c !== dto.fromCategory)];
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
        before: { ...effect(c.before), predictedWaitMin: minutes(c.before.predictedWaitMs), pWithinTarget: round2(c.before.pWithinTarget) },
        after: { ...effect(c.after), predictedWaitMin: minutes(c.after.predictedWaitMs), pWithinTarget: round2(c.after.pWithinTarget) },
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

  private presentAction(x: StaffingAction, cats: Map<string, CategoryView>, wins: Map<string, { id: string; label: string }>) {
    const to = cats.get(x.categoryId)!;
    const from = x.kind === 'move' ? cats.get(x.fromCategoryId) ?? null : null;
    const main = x.effects.find((e) => e.categoryId === x.categoryId) ?? x.effects[0];
    const label = wins.get(x.windowId)?.label ?? x.windowId;
    return {
      kind: x.kind,
      windowId: x.windowId,
      windowLabel: label,
      category: to.code,
      fromCategory: from?.code,
      categories: x.kind === 'close' ? undefined : x.categoryIds.map((id) => cats.get(id)?.code ?? id),
      effects: x.effects.map((e) => ({ category: cats.get(e.categoryId)?.code ?? e.categoryId, before: effect(e.before), after: effect(e.after) })),
      message: actionText(x.kind, label, to, from, main ? effect(main.before) : NO_EFFECT, main ? effect(main.after) : NO_EFFECT),
    };
  }
}

function effect(e: StaffingEffect): Effect & { serviceLevel: number; clearsInMin: number | null } {
  return { windows: round1(e.windows), expectedWaitMin: minutes(e.expectedWaitMs), serviceLevel: round2(e.serviceLevel), clearsInMin: minutes(e.clearsInMs) };
}

function localHhmm(at: number, timeZone: string): string {
  const m = localMinutesOf(at, timeZone);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

function minutes(ms: number): number | null {
  return Number.isFinite(ms) ? Math.round(ms / MIN) : null;
}
function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
function stale(reason: ErrorReason, w: WindowView, more: Record<string, unknown> = {}): QueueError {
  return new QueueError('ILLEGAL_TRANSITION', { reason, windowId: w.id, label: w.label, state: w.state, categories: w.categories, ...more });
}
