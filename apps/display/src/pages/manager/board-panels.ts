import { h, render } from '../../shared/dom';
import { categoryName, t } from '../../shared/i18n';
import { duration, minutesText, stateText, tr } from '../counter/console-common';
import { categoryLabel, type Desk, type Panel } from './desk';

const headRow = (cells: string[]) => h('thead', {}, h('tr', {}, cells.map((x) => h('th', {}, x))));

/**
 * The windows table: state, what each serves, its current ticket with the time since service began
 * (ticking in place, see `tick`), served and busy today.
 */
export function windowsPanel(desk: Desk): Panel & { tick(): void } {
  const el = h('section', { class: 'panel board', 'data-testid': 'board' });
  const hall = encodeURIComponent(desk.hallId);
  const draw = () => {
    const now = desk.clock.now();
    const board = desk.board;
    render(el,
      h('h2', {}, tr('窗口', 'Windows')),
      h('table', {},
        headRow(['', tr('状态', 'State'), tr('事项', 'Serves'), tr('当前', 'Current'), tr('用时', 'Time'),
          tr('今日办结', 'Served today'), tr('今日利用率', 'Busy today')]),
        h('tbody', {}, (board?.windows ?? []).map((w) => {
          const c = w.current;
          const since = c && w.inServiceSec !== null ? board!.at - w.inServiceSec * 1000 : null;
          const current = c
            ? [h('b', {}, c.number), h('small', {}, c.status === 'serving' ? tr(' 办理中', ' serving') : tr(' 已呼叫', ' called'))]
            : '—';
          return h('tr', { 'data-window': w.label, 'data-state': w.state },
            h('td', { class: 'label' }, h('a', { href: `/counter/${hall}/${encodeURIComponent(w.id)}`, target: '_blank' }, w.label)),
            h('td', {}, h('span', { class: `badge state-${w.state}` }, stateText(w.state)), w.pauseReason ? h('small', {}, ` ${w.pauseReason}`) : null),
            h('td', { class: 'serves' }, w.categories.map((code) => categoryLabel(board, code)).join(' · ')),
            h('td', { class: 'ticket' }, current),
            h('td', { class: 'time', 'data-since': since ?? '' }, since !== null ? duration(now - since) : ''),
            h('td', { class: 'num', 'data-testid': 'served-today' }, w.servedToday),
            h('td', { class: 'num util', 'data-testid': 'utilization' }, w.utilizationToday === null ? '—' : utilBar(w.utilizationToday)),
          );
        })),
      ),
    );
  };
  /** Elapsed times tick in place once a second, so a redraw never swallows a click. */
  const tick = () => {
    const now = desk.clock.now();
    for (const x of el.querySelectorAll<HTMLElement>('[data-since]')) if (x.dataset.since) x.textContent = duration(now - Number(x.dataset.since));
  };
  return { el, draw, tick };
}

/** The lines table: waiting, the wait now and today's p90 against the target, the next hour, open and advised windows. */
export function linesPanel(desk: Desk): Panel {
  const el = h('section', { class: 'panel', 'data-testid': 'lines' });
  const draw = () => {
    const byCat = new Map((desk.advice?.categories ?? []).map((c) => [c.category, c]));
    render(el,
      h('h2', {}, tr('排队与建议窗口', 'Lines and advised windows')),
      h('table', {},
        headRow(['', tr('排队', 'Line'), tr('现在取号约等', 'Wait now'), tr('今日P90等待', 'p90 wait today'), tr('目标', 'Target'),
          tr('下一小时预计到达', 'Next hour: arrivals'), tr('开放窗口', 'Windows'), tr('建议', 'Advised')]),
        h('tbody', {}, (desk.board?.categories ?? []).map((l) => {
          const a = byCat.get(l.code);
          const waitMin = l.waitNow ? Math.ceil(l.waitNow.expectedSec / 60) : null;
          const over = l.waitNow && l.waitNow.expectedSec > l.targetWaitSec;
          const p90 = l.waitP90TodaySec;
          const p90Over = p90 !== null && p90 > l.targetWaitSec;
          const next = l.forecastNextHour ? Math.round(l.forecastNextHour.arrivals) : null;
          return h('tr', { 'data-category': l.code, class: over ? 'over' : '' },
            h('td', { class: 'cat' }, h('span', { class: 'prefix' }, l.prefix), categoryName(l)),
            h('td', { class: 'num', 'data-testid': 'line-waiting' }, l.waiting),
            h('td', { class: 'num wait-now', 'data-testid': 'wait-now' }, l.openWindows === 0 && l.waiting ? t('noWindowOpen') : minutesText(waitMin)),
            h('td', { class: `num${p90Over ? ' more' : ''}`, 'data-testid': 'p90-today' }, p90 === null ? '—' : minutesText(Math.round(p90 / 60))),
            h('td', { class: 'num' }, minutesText(Math.round(l.targetWaitSec / 60))),
            h('td', { class: 'num', 'data-testid': 'forecast-next-hour' }, next !== null ? tr(`约 ${next} 人`, `~${next}`) : '—'),
            h('td', { class: 'num' }, l.openWindows),
            h('td', { class: `num${a && a.advised > Math.round(a.current) ? ' more' : ''}`, 'data-testid': 'advised' }, a ? a.advised : '—'),
          );
        })),
      ),
    );
  };
  return { el, draw };
}

/** Utilization as a percentage with a small bar, so a busy window stands out at a glance. */
function utilBar(u: number): HTMLElement {
  const pct = Math.round(u * 100);
  return h('span', { class: `util-bar${pct >= 90 ? ' hot' : ''}`, title: `${pct}%` },
    h('span', { class: 'track' }, h('i', { style: `width:${Math.min(100, pct)}%` })),
    h('b', {}, `${pct}%`));
}
