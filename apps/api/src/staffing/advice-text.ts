/** Words for staffing advice, in Chinese and English, as a manager reads them. Windows are whole windows. */
export interface Named {
  nameZh: string;
  nameEn: string;
}

export interface Effect {
  windows: number;
  expectedWaitMin: number | null;
}

export interface Texts {
  zh: string;
  en: string;
}

const arrow = (a: number | null, b: number | null) => `${a ?? '∞'} -> ${b ?? '∞'}`;
const arrowZh = (a: number | null, b: number | null) => `${a ?? '∞'} → ${b ?? '∞'}`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Why the advised count differs from today's, when the wait now does not show it. */
export interface Driver {
  /** The need comes from the load expected over the next hour, not from the line now. */
  nextHour: boolean;
  arrivalsPerHour: number;
  /** Every added window is a closed one opened (else some are moved from other categories). */
  opensOnly?: boolean;
}

/** A category given more (or fewer) windows by the actions listed with it: before and after all of them together. */
export function headline(c: Named, before: Effect, after: Effect, driver?: Driver): Texts {
  const more = Math.round(after.windows - before.windows);
  const verbEn =
    more > 0 ? (driver?.opensOnly === false ? `${plural(more, 'more window')}` : `open ${plural(more, 'more window')}`)
    : more < 0 ? `${plural(-more, 'window')} can close`
    : 'keep the windows';
  const verbZh = more > 0 ? (driver?.opensOnly === false ? `增加 ${more} 个窗口` : `建议增开 ${more} 个窗口`) : more < 0 ? `可减少 ${-more} 个窗口` : '窗口数保持不变';
  const counts = { en: `(${before.windows} -> ${after.windows})`, zh: `（${before.windows} → ${after.windows}）` };
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

export interface Shortfall {
  /** Windows the staffing model asks for the target (a steady-state estimate, not a prediction). */
  advised: number;
  windowsInHall: number;
  clerksOnDuty: number;
  waiting: number;
  /** With every action listed applied: whole windows and the predicted wait; when the line waiting now is called. */
  before: Effect;
  after: Effect;
  clearsInMin: number | null;
  /** Whether any action is listed (else everything possible is done already). */
  actions: boolean;
}

/**
 * The one headline of a category the hall cannot staff enough for: what it would take, what is still
 * possible (the actions listed), how long the line lasts at that pace, and what else would help.
 */
export function shortHeadline(c: Named, s: Shortfall): Texts {
  const staff = s.clerksOnDuty < s.windowsInHall
    ? { en: `${s.clerksOnDuty} clerks are on duty for ${s.windowsInHall} windows`, zh: `今日在岗 ${s.clerksOnDuty} 人（共 ${s.windowsInHall} 个窗口）` }
    : { en: `the hall has ${s.windowsInHall} windows`, zh: `大厅共 ${s.windowsInHall} 个窗口` };
  // Why fewer than the hall's windows: the other lines keep theirs.
  const most = { en: `; with the other lines' needs at most ${s.after.windows} can serve it`, zh: `，兼顾其他事项后最多 ${s.after.windows} 个可办理` };
  const possible = s.actions
    ? {
      en: `Still possible: the actions below, ${s.before.windows} -> ${s.after.windows} windows, ` +
        `expected wait ${arrow(s.before.expectedWaitMin, s.after.expectedWaitMin)} min`,
      zh: `仍可执行下列调整：窗口 ${s.before.windows} → ${s.after.windows}，` +
        `预计等待 ${arrowZh(s.before.expectedWaitMin, s.after.expectedWaitMin)} 分钟`,
    }
    : {
      en: `Everything possible here is done (${s.after.windows} windows serve it); expected wait ${s.after.expectedWaitMin ?? '∞'} min`,
      zh: `本大厅已无可调整的窗口（${s.after.windows} 个窗口在办理）；预计等待 ${s.after.expectedWaitMin ?? '∞'} 分钟`,
    };
  const clears = s.waiting === 0 ? null
    : s.clearsInMin === null
      ? { en: `the line of ${s.waiting} keeps growing at that pace`, zh: `按此速度，${s.waiting} 人的队伍仍会变长` }
      : {
        en: `the line of ${s.waiting} clears in about ${duration(s.clearsInMin)} at that pace`,
        zh: `按此速度，${s.waiting} 人的队伍约 ${durationZh(s.clearsInMin)}后清空`,
      };
  return {
    en:
      `${c.nameEn}: more windows are needed than this hall can staff (about ${s.advised} to meet its target; ${staff.en}${most.en}). ` +
      `${possible.en}${clears ? `; ${clears.en}` : ''}. ` +
      'What else would help: extend today\'s hours, offer appointments for later, or send people to another hall.',
    zh:
      `${c.nameZh}：所需窗口超出本大厅可安排的数量（达标约需 ${s.advised} 个；${staff.zh}${most.zh}）。` +
      `${possible.zh}${clears ? `；${clears.zh}` : ''}。` +
      '其他办法：延长今日办理时间、引导预约其他时段，或分流到其他大厅。',
  };
}

/** One action's effect on a category, before and after. */
export interface NamedEffect extends Named {
  before: Effect;
  after: Effect;
}

/**
 * An action in words: what to do, the window's whole work profile after it (what Apply sets), and the
 * wait of each category it touches, predicted for the hall with this one change (`alone`: said so, when
 * the advice has other actions).
 */
export function actionText(
  kind: 'open' | 'move' | 'close', window: string, to: Named, from: Named[], profile: Named[], effects: NamedEffect[], alone = false,
): Texts {
  const eff = {
    en: effects.map((e) => `${e.nameEn} windows ${e.before.windows} -> ${e.after.windows}, ` +
      `expected wait ${arrow(e.before.expectedWaitMin, e.after.expectedWaitMin)} min`).join('; '),
    zh: effects.map((e) => `${e.nameZh}窗口 ${e.before.windows} → ${e.after.windows}，` +
      `预计等待 ${arrowZh(e.before.expectedWaitMin, e.after.expectedWaitMin)} 分钟`).join('；'),
  };
  // Among several actions, each effect is of this change alone; the headline has them all together.
  if (alone) {
    eff.en += ' (this change alone)';
    eff.zh += '（仅此一项）';
  }
  const serves = {
    en: profile.length === 1 ? `${profile[0].nameEn} only` : `${profile.map((p) => p.nameEn).join(' and ')} (longest wait against target first)`,
    zh: profile.length === 1 ? `只办理${profile[0].nameZh}` : `办理${profile.map((p) => p.nameZh).join('、')}（按相对目标等待最久者优先）`,
  };
  switch (kind) {
    case 'open':
      return {
        en: `Open window ${window} for ${to.nameEn}: it will serve ${serves.en}. ${eff.en}`,
        zh: `开放 ${window} 号窗口办理${to.nameZh}：该窗口将${serves.zh}。${eff.zh}`,
      };
    case 'move': {
      const names = { en: from.map((f) => f.nameEn).join(' and ') || '?', zh: from.map((f) => f.nameZh).join('、') || '?' };
      return {
        en: `Move window ${window} from ${names.en} to ${to.nameEn}: it will serve ${serves.en}. ${eff.en}`,
        zh: `将 ${window} 号窗口从${names.zh}调整为${to.nameZh}：该窗口将${serves.zh}。${eff.zh}`,
      };
    }
    case 'close':
      return { en: `Close window ${window} (${to.nameEn} has a window to spare): ${eff.en}`, zh: `关闭 ${window} 号窗口（${to.nameZh}窗口富余）：${eff.zh}` };
  }
}

function duration(min: number): string {
  return min < 60 ? `${min} min` : `${Math.floor(min / 60)} h${min % 60 ? ` ${min % 60} min` : ''}`;
}
function durationZh(min: number): string {
  return min < 60 ? `${min} 分钟` : `${Math.floor(min / 60)} 小时${min % 60 ? ` ${min % 60} 分钟` : ''}`;
}
