/** Words for staffing advice, in Chinese and English, as a manager reads them. */
export interface Named {
  nameZh: string;
  nameEn: string;
}

export interface Effect {
  windows: number;
  expectedWaitMin: number | null;
}

const arrow = (a: number | null, b: number | null) => `${a ?? '∞'} -> ${b ?? '∞'}`;
const arrowZh = (a: number | null, b: number | null) => `${a ?? '∞'} → ${b ?? '∞'}`;
const w = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** Why the advised count differs from today's, when the wait now does not show it. */
export interface Driver {
  /** The need comes from the load expected over the next hour, not from the line now. */
  nextHour: boolean;
  arrivalsPerHour: number;
}

export function headline(c: Named, before: Effect, after: Effect, driver?: Driver): { zh: string; en: string } {
  const more = Math.round(after.windows - before.windows);
  const verbEn =
    more > 0 ? `open ${more} more window${more === 1 ? '' : 's'}`
    : more < 0 ? `${-more} window${more === -1 ? '' : 's'} can close`
    : 'keep the windows';
  const verbZh = more > 0 ? `建议增开 ${more} 个窗口` : more < 0 ? `可减少 ${-more} 个窗口` : '窗口数保持不变';
  const counts = { en: `(${w(before.windows)} -> ${w(after.windows)})`, zh: `（${w(before.windows)} → ${w(after.windows)}）` };
  // "expected wait 0 -> 0 min" read as advice that changes nothing: when the wait now stays the same,
  // say so, and say what the change is for.
  if (before.expectedWaitMin === after.expectedWaitMin) {
    const wait = before.expectedWaitMin;
    const ahead = more > 0 && driver?.nextHour;
    const rate = driver ? Math.round(driver.arrivalsPerHour) : 0;
    return {
      en:
        `${c.nameEn}: ${verbEn} ${counts.en}` +
        (ahead ? ` for the next hour's expected arrivals (about ${rate} an hour)` : '') +
        `; expected wait now stays ${wait ?? '∞'} min`,
      zh: `${c.nameZh}：${verbZh}${counts.zh}${ahead ? `，以应对下一小时预计到达（约每小时 ${rate} 人）` : ''}；当前预计等待仍为 ${wait ?? '∞'} 分钟`,
    };
  }
  return {
    en: `${c.nameEn}: ${verbEn} ${counts.en}, expected wait ${arrow(before.expectedWaitMin, after.expectedWaitMin)} min`,
    zh: `${c.nameZh}：${verbZh}${counts.zh}，预计等待 ${arrowZh(before.expectedWaitMin, after.expectedWaitMin)} 分钟`,
  };
}

export function actionText(
  kind: 'open' | 'move' | 'close', window: string, to: Named, from: Named | null, before: Effect, after: Effect,
): { zh: string; en: string } {
  const effEn = `windows ${w(before.windows)} -> ${w(after.windows)}, expected wait ${arrow(before.expectedWaitMin, after.expectedWaitMin)} min`;
  const effZh = `窗口 ${w(before.windows)} → ${w(after.windows)}，预计等待 ${arrowZh(before.expectedWaitMin, after.expectedWaitMin)} 分钟`;
  switch (kind) {
    case 'open':
      return { en: `Open window ${window} for ${to.nameEn}: ${effEn}`, zh: `开放 ${window} 号窗口办理${to.nameZh}：${effZh}` };
    case 'move':
      return {
        en: `Move window ${window} from ${from?.nameEn ?? '?'} to ${to.nameEn}: ${effEn}`,
        zh: `将 ${window} 号窗口从${from?.nameZh ?? '?'}调整为${to.nameZh}：${effZh}`,
      };
    case 'close':
      return { en: `Close window ${window} (${to.nameEn} has spare capacity): ${effEn}`, zh: `关闭 ${window} 号窗口（${to.nameZh}窗口富余）：${effZh}` };
  }
}
