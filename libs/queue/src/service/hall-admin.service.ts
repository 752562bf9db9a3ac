import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Clock } from '../clock/clock';
import { HallEntity, ServiceCategoryEntity, WindowEntity, type WindowState } from '../entities';
import { QueueError } from '../errors/queue-error';
import { isValidHhmm } from '../hall/opening-hours';
import { isValidTimeZone } from '../numbering/numbering';
import { byLabel, HallRepository } from './hall-repository';
import { QueueEvents } from './queue-events';
import { appendEvent } from './ticket-repository';
import { isUniqueViolation, TransactionRunner } from './transaction-runner';
import { categoryView, hallView, windowView, type CategoryView, type HallView, type WindowView } from './views';

export interface HallInput {
  name: string;
  timeZone?: string;
  opensAt?: string;
  closesAt?: string;
  keepLineOvernight?: boolean;
}

export interface CategoryInput {
  code: string;
  prefix: string;
  nameZh: string;
  nameEn: string;
  targetWaitSec: number;
  targetShare?: number;
  materials?: string[];
  defaultServiceSec: number;
  active?: boolean;
  sortOrder?: number;
}

export interface WindowInput {
  label: string;
  /** Category codes in order of preference. */
  categories: string[];
  state?: WindowState;
}

export interface HallSummary extends HallView {
  categories: CategoryView[];
  windows: WindowView[];
}

/** Creating and changing halls, categories and windows (the admin's and manager's configuration). */
export class HallAdminService {
  private readonly halls = new HallRepository();

  constructor(
    private readonly tx: TransactionRunner,
    private readonly events: QueueEvents,
    private readonly clock: Clock,
  ) {}

  async listHalls(): Promise<HallSummary[]> {
    const em = this.tx.dataSource.manager;
    const halls = await em.find(HallEntity, { order: { createdAt: 'ASC' } });
    return Promise.all(halls.map((h) => this.summarize(em, h)));
  }

  async getHall(hallId: string): Promise<HallSummary> {
    const em = this.tx.dataSource.manager;
    return this.summarize(em, await this.halls.getHall(em, hallId));
  }

  async createHall(input: HallInput): Promise<HallSummary> {
    checkHall(input);
    const h = await this.tx.run(async (em) => {
      const hall = em.create(HallEntity, {
        id: randomUUID(), name: input.name, timeZone: input.timeZone ?? 'Asia/Shanghai', opensAt: input.opensAt ?? '09:00',
        closesAt: input.closesAt ?? '17:00', keepLineOvernight: input.keepLineOvernight ?? false, closedOutDay: null, createdAt: this.clock.now(),
      });
      await em.insert(HallEntity, hall);
      return hall;
    });
    return this.getHall(h.id);
  }

  async updateHall(hallId: string, input: Partial<HallInput>): Promise<HallSummary> {
    checkHall(input);
    await this.tx.run(async (em) => {
      await this.halls.getHall(em, hallId);
      await em.update(HallEntity, { id: hallId }, pick(input, ['name', 'timeZone', 'opensAt', 'closesAt', 'keepLineOvernight']));
    });
    this.events.publish([{ kind: 'hall', type: 'hall.changed', hallId, at: this.clock.now() }]);
    return this.getHall(hallId);
  }

  async listCategories(hallId: string): Promise<CategoryView[]> {
    const em = this.tx.dataSource.manager;
    await this.halls.getHall(em, hallId);
    return (await this.halls.listCategories(em, hallId)).map(categoryView);
  }

  async createCategory(hallId: string, input: CategoryInput): Promise<CategoryView> {
    const c = await this.uniquely(() =>
      this.tx.run(async (em) => {
        await this.halls.getHall(em, hallId);
        const cat = em.create(ServiceCategoryEntity, {
          id: randomUUID(), hallId, code: input.code, prefix: input.prefix, nameZh: input.nameZh, nameEn: input.nameEn,
          targetWaitSec: input.targetWaitSec, targetShare: input.targetShare ?? 0.9, materials: input.materials ?? [],
          defaultServiceSec: input.defaultServiceSec, active: input.active ?? true, sortOrder: input.sortOrder ?? 0,
        });
        await em.insert(ServiceCategoryEntity, cat);
        return cat;
      }),
    );
    this.events.publish([{ kind: 'hall', type: 'category.changed', hallId, at: this.clock.now(), data: { category: c.code } }]);
    return categoryView(c);
  }

  async updateCategory(hallId: string, idOrCode: string, input: Partial<CategoryInput>): Promise<CategoryView> {
    const c = await this.uniquely(() =>
      this.tx.run(async (em) => {
        const cat = await this.halls.getCategory(em, hallId, idOrCode);
        const change = pick(input, [
          'code', 'prefix', 'nameZh', 'nameEn', 'targetWaitSec', 'targetShare', 'materials', 'defaultServiceSec', 'active', 'sortOrder',
        ]);
        Object.assign(cat, change);
        await em.save(ServiceCategoryEntity, cat);
        return cat;
      }),
    );
    this.events.publish([{ kind: 'hall', type: 'category.changed', hallId, at: this.clock.now(), data: { category: c.code } }]);
    return categoryView(c);
  }

  async listWindows(hallId: string): Promise<WindowView[]> {
    const em = this.tx.dataSource.manager;
    await this.halls.getHall(em, hallId);
    const codes = await this.codes(em, hallId);
    return (await this.halls.listWindows(em, hallId)).sort(byLabel).map((w) => windowView(w, (id) => codes.byId.get(id)));
  }

  async createWindow(hallId: string, input: WindowInput): Promise<WindowView> {
    const now = this.clock.now();
    const view = await this.uniquely(() =>
      this.tx.run(async (em) => {
        await this.halls.getHall(em, hallId);
        const codes = await this.codes(em, hallId);
        const w = em.create(WindowEntity, {
          id: randomUUID(), hallId, label: input.label, state: input.state ?? 'closed', pauseReason: null,
          categoryIds: resolveProfile(input.categories, codes.byCode), priorityStreak: 0,
        });
        await em.insert(WindowEntity, w);
        await appendEvent(em, {
          hallId, ticketId: null, windowId: w.id, categoryId: null, type: 'window.created', fromStatus: null, toStatus: w.state, at: now,
          data: { label: w.label, categories: input.categories },
        });
        return windowView(w, (id) => codes.byId.get(id));
      }),
    );
    this.events.publish([{ kind: 'window', type: 'window.created', hallId, at: now, window: view }]);
    return view;
  }

  /** Changes a window's label or work profile; a profile change is logged (the forecaster uses it). */
  async updateWindow(hallId: string, windowId: string, input: Partial<WindowInput>): Promise<WindowView> {
    const now = this.clock.now();
    const view = await this.uniquely(() =>
      this.tx.run(async (em) => {
        const w = await this.halls.getWindow(em, hallId, windowId, true);
        const codes = await this.codes(em, hallId);
        if (input.label !== undefined) w.label = input.label;
        const profileChanged = input.categories !== undefined;
        if (input.categories !== undefined) w.categoryIds = resolveProfile(input.categories, codes.byCode);
        await em.save(WindowEntity, w);
        if (profileChanged) {
          await appendEvent(em, {
            hallId, ticketId: null, windowId: w.id, categoryId: null, type: 'window.profile_changed', fromStatus: null, toStatus: w.state, at: now,
            data: { categories: input.categories },
          });
        }
        return windowView(w, (id) => codes.byId.get(id));
      }),
    );
    this.events.publish([{ kind: 'window', type: 'window.profile_changed', hallId, at: now, window: view }]);
    return view;
  }

  private async summarize(em: EntityManager, h: HallEntity): Promise<HallSummary> {
    const [cats, wins] = await Promise.all([this.halls.listCategories(em, h.id), this.halls.listWindows(em, h.id)]);
    const byId = new Map(cats.map((c) => [c.id, c.code]));
    return { ...hallView(h), categories: cats.map(categoryView), windows: wins.sort(byLabel).map((w) => windowView(w, (id) => byId.get(id))) };
  }

  private async codes(em: EntityManager, hallId: string) {
    const cats = await this.halls.listCategories(em, hallId);
    return { byId: new Map(cats.map((c) => [c.id, c.code])), byCode: new Map(cats.map((c) => [c.code, c.id])) };
  }

  /** Turns a unique-index violation into a 409 that names what is taken. */
  private async uniquely<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      for (const [index, field] of [
        ['uq_category_code', 'category code'],
        ['uq_category_prefix', 'ticket prefix'],
        ['uq_window_label', 'window label'],
      ] as const) {
        if (isUniqueViolation(e, index)) throw new QueueError('DUPLICATE', { reason: 'HALL_FIELD_TAKEN', field });
      }
      throw e;
    }
  }
}

function resolveProfile(codes: string[], byCode: Map<string, string>): string[] {
  const unknown = codes.filter((c) => !byCode.has(c));
  if (unknown.length) throw new QueueError('CATEGORY_NOT_FOUND', { category: unknown, categories: unknown });
  if (new Set(codes).size !== codes.length) throw new QueueError('INVALID_INPUT', { reason: 'PROFILE_REPEAT' });
  return codes.map((c) => byCode.get(c)!);
}

function checkHall(input: Partial<HallInput>): void {
  if (input.timeZone !== undefined && !isValidTimeZone(input.timeZone)) {
    throw new QueueError('INVALID_INPUT', { reason: 'TIME_ZONE', timeZone: input.timeZone });
  }
  for (const f of ['opensAt', 'closesAt'] as const) {
    const v = input[f];
    if (v !== undefined && !isValidHhmm(v)) throw new QueueError('INVALID_INPUT', { reason: 'LOCAL_TIME', field: f });
  }
}

function pick<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
