import type { QueueDomainEvent, TicketEventEntity, TicketView, WindowView } from '@hallq/queue';
import { categorySnapshotOf, factsOfDomainEvent, factsOfEventRow, toForecastEvent } from './forecast-events';

const ticket = (over: Partial<TicketView> = {}): TicketView => ({
  id: 't1', hallId: 'h', number: 'A001', token: 'x', category: 'ent', categoryId: 'c-ent', priority: 'priority', channel: 'kiosk', status: 'waiting',
  serviceDay: '2026-12-07', issuedAt: 1000, calledAt: null, startedAt: null, finishedAt: null, windowId: null, windowLabel: null, targetWindowId: null,
  recallCount: 0, transferCount: 0, ...over,
});
const win = (over: Partial<WindowView> = {}): WindowView => ({
  id: 'w1', hallId: 'h', label: '1', state: 'open', pauseReason: null, categories: ['ent'], categoryIds: ['c-ent'], ...over,
});
const row = (over: Partial<TicketEventEntity>): TicketEventEntity =>
  ({
    id: '1', hallId: 'h', ticketId: null, windowId: null, categoryId: null, type: 'issued', fromStatus: null, toStatus: null, at: 5000, data: null, ...over,
  }) as TicketEventEntity;
const live = (e: QueueDomainEvent) => {
  const f = factsOfDomainEvent(e);
  return f && toForecastEvent(f);
};
const replayed = (r: TicketEventEntity) => toForecastEvent(factsOfEventRow(r, (code) => ({ ent: 'c-ent', tax: 'c-tax' })[code]));

describe('one translation of queue changes for the forecaster', () => {
  it('reads a ticket change the same from the live stream and from the log', () => {
    const t = ticket();
    expect(live({ kind: 'ticket', type: 'issued', hallId: 'h', at: 1000, ticket: t, window: null })).toEqual(
      { type: 'issued', at: 1000, ticketId: 't1', categoryId: 'c-ent', priority: 'priority' },
    );
    expect(replayed(row({ type: 'issued', at: 1000, ticketId: 't1', categoryId: 'c-ent', data: { priority: 'priority' } }))).toEqual(
      { type: 'issued', at: 1000, ticketId: 't1', categoryId: 'c-ent', priority: 'priority' },
    );
    expect(live({ kind: 'ticket', type: 'called', hallId: 'h', at: 2000, ticket: ticket({ windowId: 'w1' }), window: null })).toEqual(
      { type: 'called', at: 2000, ticketId: 't1', windowId: 'w1' },
    );
    expect(replayed(row({ type: 'closed_out', ticketId: 't1' }))).toEqual({ type: 'cancelled', at: 5000, ticketId: 't1' });
  });

  it('reads a transfer with the category and window it went to', () => {
    expect(live({ kind: 'ticket', type: 'transferred', hallId: 'h', at: 3000, ticket: ticket({ categoryId: 'c-tax', targetWindowId: 'w2' }), window: null }))
      .toEqual({ type: 'transferred', at: 3000, ticketId: 't1', toCategoryId: 'c-tax', toWindowId: 'w2' });
    expect(replayed(row({ type: 'transferred', ticketId: 't1', categoryId: 'c-tax', data: { toWindow: 'w2' } })))
      .toEqual({ type: 'transferred', at: 5000, ticketId: 't1', toCategoryId: 'c-tax', toWindowId: 'w2' });
  });

  it('reads window changes: opened only when open, profiles by id (a deleted category dropped)', () => {
    expect(live({ kind: 'window', type: 'window.opened', hallId: 'h', at: 1, window: win() })).toEqual(
      { type: 'window_opened', at: 1, windowId: 'w1', categoryIds: ['c-ent'] },
    );
    expect(live({ kind: 'window', type: 'window.resumed', hallId: 'h', at: 1, window: win({ state: 'paused' }) })).toBeNull();
    expect(replayed(row({ type: 'window.opened', windowId: 'w1' }))).toEqual({ type: 'window_opened', at: 5000, windowId: 'w1' });
    expect(replayed(row({ type: 'window.created', windowId: 'w1', toStatus: 'closed', data: { categories: ['ent'] } }))).toBeNull();
    expect(replayed(row({ type: 'window.profile_changed', windowId: 'w1', data: { categories: ['tax', 'gone', 'ent'] } }))).toEqual(
      { type: 'profile_changed', at: 5000, windowId: 'w1', categoryIds: ['c-tax', 'c-ent'] },
    );
  });

  it('learns nothing from a recall or a hall change', () => {
    expect(live({ kind: 'ticket', type: 'recalled', hallId: 'h', at: 1, ticket: ticket(), window: null })).toBeNull();
    expect(live({ kind: 'hall', type: 'hall.changed', hallId: 'h', at: 1 })).toBeNull();
    expect(replayed(row({ type: 'recalled', ticketId: 't1' }))).toBeNull();
  });

  it('maps a category to what the forecaster knows of it, in ms', () => {
    expect(categorySnapshotOf({ id: 'c', targetWaitSec: 1200, targetShare: 0.9, defaultServiceSec: 600 })).toEqual(
      { id: 'c', targetWaitMs: 1_200_000, targetShare: 0.9, defaultServiceMs: 600_000 },
    );
  });
});
