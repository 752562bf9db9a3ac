import type { ErrorCode, ErrorParams, ErrorReason } from './errors';

/**
 * Every error code and reason worded in zh-CN and en, with `{name}` placeholders filled from the error's
 * details. The api builds its English `message` from here; pages show errorText(code, details, lang).
 * `plain` is said when a placeholder has no value, so no one ever reads an empty `{x}`.
 */
export interface ErrorMessage {
  zh: string;
  en: string;
  plain?: { zh: string; en: string };
}

export type Lang = 'zh' | 'en';

export const ERROR_MESSAGES: Record<ErrorCode, ErrorMessage> = {
  HALL_NOT_FOUND: { zh: '找不到大厅“{hallId}”。', en: 'No hall with id "{hallId}".', plain: { zh: '找不到该大厅。', en: 'No such hall.' } },
  CATEGORY_NOT_FOUND: {
    zh: '本大厅没有办理事项“{category}”。', en: 'Hall has no service category "{category}".',
    plain: { zh: '本大厅没有该办理事项。', en: 'Hall has no such service category.' },
  },
  WINDOW_NOT_FOUND: {
    zh: '本大厅没有窗口“{windowId}”。', en: 'Hall has no window with id "{windowId}".',
    plain: { zh: '找不到该窗口。', en: 'No window with this id.' },
  },
  TICKET_NOT_FOUND: { zh: '本大厅没有号票 {ticket}。', en: 'No ticket {ticket} in this hall.', plain: { zh: '找不到该号票。', en: 'No such ticket.' } },
  ILLEGAL_TRANSITION: {
    zh: '号票 {number} 当前状态为{status}，不能办理此操作；请刷新后重试。', en: 'Ticket {number} is {status}; this cannot be done now. Reload and try again.',
    plain: { zh: '当前状态下不能办理此操作，请刷新后重试。', en: 'This cannot be done in the current state; reload and try again.' },
  },
  WINDOW_NOT_OPEN: {
    zh: '{label} 号窗口{state}，请先开启或恢复窗口再叫号。', en: 'Window {label} is {state}; open or resume it before calling.',
    plain: { zh: '窗口未开启，请先开启或恢复窗口。', en: 'The window is not open; open or resume it first.' },
  },
  WINDOW_BUSY: {
    zh: '{label} 号窗口还有号票 {number}（{status}）未办结，请先办结、转移或标记过号。',
    en: 'Window {label} still holds ticket {number} ({status}); finish, transfer or mark it no-show first.',
    plain: { zh: '窗口还有号票未办结，请先办结、转移或标记过号。', en: 'The window still holds a ticket; finish, transfer or mark it no-show first.' },
  },
  WINDOW_IDLE: {
    zh: '{label} 号窗口当前没有已叫的号，请先叫号。', en: 'Window {label} has no ticket called; call one first.',
    plain: { zh: '窗口当前没有已叫的号，请先叫号。', en: 'The window has no ticket called; call one first.' },
  },
  CATEGORY_NOT_SERVED: {
    zh: '{label} 号窗口不办理“{category}”。', en: 'Window {label} does not serve "{category}".',
    plain: { zh: '该窗口不办理此事项。', en: 'This window does not serve that category.' },
  },
  CATEGORY_PAUSED: {
    zh: '“{categoryNameZh}”暂停取号。', en: '"{categoryNameEn}" is not taking tickets right now.',
    plain: { zh: '该事项暂停取号。', en: 'This service is not taking tickets right now.' },
  },
  HALL_CLOSED: {
    zh: '大厅已停止取号；办理时间 {opensAt}–{closesAt}。', en: 'The hall is closed; it opens at {opensAt} and closes at {closesAt}.',
    plain: { zh: '大厅已停止取号。', en: 'The hall is closed.' },
  },
  DUPLICATE: { zh: '该内容已存在，请换一个。', en: 'This already exists; choose another.' },
  IDEMPOTENCY_MISMATCH: {
    zh: '此幂等键已被其他调用方或其他请求使用过；要取新号请使用新的键。',
    en: 'This Idempotency-Key was already used, by another caller or for a different request; send a new key for a new ticket.',
  },
  INVALID_INPUT: { zh: '请求内容有误，请检查后重试。', en: 'The request is not valid; check it and try again.' },

  UNAUTHENTICATED: {
    zh: '请先登录（或使用已登记设备的令牌）。',
    en: 'Sign in first: send "Authorization: Bearer <token>" with a staff sign-in token or a device token.',
  },
  TOKEN_INVALID: {
    zh: '登录或设备令牌已失效（已退出、过期或被停用），请重新登录或向管理员索取新的设备令牌。',
    en: 'This sign-in or device token is not valid any more (signed out, expired or revoked); '
      + 'sign in again or ask a manager for a new device token.',
  },
  SIGN_IN_FAILED: { zh: '用户名或密码错误。', en: 'Wrong username or password.' },
  ACCOUNT_LOCKED: {
    zh: '此用户名在本地址登录失败次数过多，请 {minutes} 分钟后再试，或请管理员解锁。',
    en: 'Too many failed sign-ins for this username from here: try again in {minutes} minute(s), or ask an admin to unlock it.',
    plain: { zh: '此用户名在本地址登录失败次数过多，请稍后再试。', en: 'Too many failed sign-ins for this username from here; try again later.' },
  },
  FORBIDDEN: {
    zh: '您无权在此操作：需要{needs}。', en: 'You may not do this here: it needs {needs}.',
    plain: { zh: '您无权在此操作。', en: 'You may not do this here.' },
  },
  NO_ACCESS_RULE: { zh: '此功能尚未设置访问规则，暂不开放。', en: 'This route has no access rule yet, so it is closed.' },
  ACCOUNT_NOT_FOUND: { zh: '找不到工作人员账号 {accountId}。', en: 'No staff account {accountId}.', plain: { zh: '找不到该账号。', en: 'No such staff account.' } },
  DEVICE_NOT_FOUND: {
    zh: '本大厅没有设备 {deviceId}。', en: 'No device {deviceId} in this hall.', plain: { zh: '找不到该设备。', en: 'No such device in this hall.' },
  },

  ALERT_NOT_FOUND: { zh: '本大厅没有提醒 {alertId}。', en: 'No alert {alertId} in this hall.', plain: { zh: '找不到该提醒。', en: 'No such alert.' } },

  VALIDATION_FAILED: {
    zh: '请求内容有误，请检查：{fieldNames}。', en: 'Invalid request: {problems}',
    plain: { zh: '请求内容有误，请检查后重试。', en: 'Invalid request; check it and try again.' },
  },
  BAD_JSON: { zh: '请求内容不是有效的 JSON。', en: 'The request body is not valid JSON.' },
  PAYLOAD_TOO_LARGE: { zh: '请求内容过大（最多 64 KB）。', en: 'The request body is too large (64 KB at most).' },
  BODY_TOO_DEEP: {
    zh: '请求内容嵌套超过 {maxDepth} 层；请按 docs/api.md 发送该接口的扁平 JSON 对象。',
    en: 'The request body nests objects or arrays more than {maxDepth} levels deep; send the flat JSON object docs/api.md shows for this route.',
    plain: { zh: '请求内容嵌套过深。', en: 'The request body nests objects or arrays too deep.' },
  },
  UNSUPPORTED_MEDIA_TYPE: {
    zh: '请求内容须为 JSON（Content-Type: application/json）；收到的是 {contentType}。',
    en: 'Send the request body as JSON (Content-Type: application/json); got {contentType}.',
    plain: { zh: '请求内容须为 JSON（Content-Type: application/json）。', en: 'Send the request body as JSON (Content-Type: application/json).' },
  },

  DATABASE_UNAVAILABLE: {
    zh: '服务暂时无法连接数据库，请 {retryAfterSec} 秒后重试；重试不会重复出号。',
    en: 'The service cannot reach its database right now; please try again in {retryAfterSec} seconds. '
      + 'Nothing is saved twice: a ticket request retried with the same Idempotency-Key returns the same ticket.',
    plain: { zh: '服务暂时无法连接数据库，请稍后重试。', en: 'The service cannot reach its database right now; please try again shortly.' },
  },
  RATE_LIMITED: {
    zh: '请求过于频繁（每分钟最多 {limit} 次），请 {retryAfterSec} 秒后再试。',
    en: 'Too many requests from here ({limit} a minute at most); please wait {retryAfterSec} s and try again.',
    plain: { zh: '请求过于频繁，请稍后再试。', en: 'Too many requests from here; please wait and try again.' },
  },
  NOT_FOUND: { zh: '找不到请求的内容。', en: 'Not found.' },
  METRICS_OFF: {
    zh: '未设置 HALLQ_METRICS_TOKEN，监控指标未开启。',
    en: 'Metrics are off: set HALLQ_METRICS_TOKEN and scrape /metrics with "Authorization: Bearer <token>".',
  },
  METRICS_TOKEN_REQUIRED: {
    zh: '读取监控指标需发送 "Authorization: Bearer <HALLQ_METRICS_TOKEN>"。',
    en: 'Send "Authorization: Bearer <HALLQ_METRICS_TOKEN>" to read the metrics.',
  },
  TOO_MANY_CONNECTIONS: {
    zh: '来自此地址的实时连接过多（每台服务器最多 {max} 个），请关闭不用的页面，或请管理员调高 HALLQ_LIVE_MAX_PER_ADDRESS。',
    en: 'Too many live connections from this address (at most {max} on one server). Close pages you do not need, '
      + 'or ask the administrator to raise HALLQ_LIVE_MAX_PER_ADDRESS.',
    plain: { zh: '来自此地址的实时连接过多，请稍后重试。', en: 'Too many live connections from this address; try again later.' },
  },
  INTERNAL: { zh: '服务器出错了，请重试。', en: 'Something went wrong on our side; please try again.' },
};

export const REASON_MESSAGES: Record<ErrorReason, ErrorMessage> = {
  TICKET_STATE: {
    zh: '号票当前为{status}，不能{action}；仅在{allowed}时可以。',
    en: 'Cannot {action} a ticket that is {status}; allowed only when {allowed}.',
  },
  WINDOW_STATE: {
    zh: '窗口当前为{state}，不能{action}；仅在{allowed}时可以。',
    en: 'Cannot {action} a window that is {state}; allowed only when {allowed}.',
  },
  TRANSFERRED_ELSEWHERE: { zh: '该号已转到其他窗口。', en: 'This ticket was transferred to another window.' },
  TICKET_CHANGED: { zh: '号票 {number} 状态已变化，请刷新后重试。', en: 'Ticket {number} changed meanwhile; reload and try again.' },
  NOT_RATEABLE: { zh: '号票 {number} 当前为{status}；只有办结的号票可以评价。', en: 'Ticket {number} is {status}; only a finished ticket can be rated.' },
  ALREADY_OPEN: { zh: '{label} 号窗口已开启；该建议已执行或已过时。', en: 'Window {label} is already open; this advice was applied or overtaken.' },
  OPEN_TO_MOVE: { zh: '{label} 号窗口当前为{state}；请开启而不是调整它。', en: 'Window {label} is {state}; open it instead of moving it.' },
  NO_LONGER_SERVES: { zh: '{label} 号窗口已不再办理“{category}”。', en: 'Window {label} no longer serves "{category}".' },
  SAME_PROFILE: { zh: '{label} 号窗口已是此办理范围。', en: 'Window {label} already has this work profile.' },
  ALREADY_CLOSED: { zh: '{label} 号窗口已关闭。', en: 'Window {label} is already closed.' },

  TRANSFER_SAME_WINDOW: { zh: '号票不能转给正在办理它的窗口。', en: 'A ticket cannot be transferred to the window that holds it.' },
  PROFILE_REPEAT: { zh: '办理范围中有重复的事项。', en: 'A category appears twice in the work profile.' },
  TIME_ZONE: { zh: '未知时区“{timeZone}”，请使用如 Asia/Shanghai 的 IANA 名称。', en: 'Unknown time zone "{timeZone}"; use an IANA name such as Asia/Shanghai.' },
  LOCAL_TIME: { zh: '{field} 须为当地时间 HH:MM，例如 08:30。', en: '{field} must be a local time as HH:MM, e.g. 08:30.' },
  DATE_FORMAT: {
    // `value` comes quoted, so an empty one still reads: got "".
    zh: '{field} 须为日期 YYYY-MM-DD，例如 2026-11-30；收到的是 {value}。',
    en: '{field} must be a date as YYYY-MM-DD, e.g. 2026-11-30; got {value}.',
    plain: { zh: '日期须为 YYYY-MM-DD 格式，例如 2026-11-30。', en: 'Dates must be given as YYYY-MM-DD, e.g. 2026-11-30.' },
  },
  DATE_RANGE: {
    zh: '{field} 须为 {first} 至 {last} 之间的日期；收到的是 {value}。',
    en: '{field} must be a day from {first} to {last}; got {value}.',
    plain: { zh: '日期须在 2000-01-01 至 2099-12-31 之间。', en: 'Dates must lie from 2000-01-01 to 2099-12-31.' },
  },
  RANGE_ORDER: { zh: '开始日期（{from}）晚于结束日期（{to}）。', en: 'from ({from}) is after to ({to}).' },
  RANGE_TOO_LONG: { zh: '所选范围共 {days} 天；每份报表最多 {maxDays} 天。', en: 'The range covers {days} days; at most {maxDays} days per report.' },

  TRACKING_CODE: { zh: '找不到此查询码对应的号票，请核对号票上的链接。', en: 'No ticket with this tracking code; check the link on your ticket.' },
  TRANSFER_TO_CLOSED: { zh: '{label} 号窗口已关闭，请转给开启的窗口或事项。', en: 'Window {label} is closed; transfer to an open window or a category.' },
  NOTHING_TO_RATE: {
    zh: '{label} 号窗口最近 {minutes} 分钟内没有办结的号票，无可评价。',
    en: 'Window {label} finished no ticket in the last {minutes} minutes; nothing to rate.',
  },

  HALL_FIELD_TAKEN: { zh: '该{field}已在本大厅使用，请换一个。', en: 'That {field} is already used in this hall; choose another.' },
  ALREADY_RATED: { zh: '号票 {number} 已评价过；每张号票只能评价一次。', en: 'Ticket {number} has already been rated; one rating per ticket.' },
  USERNAME_TAKEN: { zh: '用户名“{username}”已被使用，请换一个。', en: 'The username "{username}" is taken; choose another.' },

  KIOSK_NEEDS_DEVICE: {
    zh: '取号机出号须来自已登记的取号机（发送其设备令牌）；手机页面请使用 web 渠道。',
    en: 'Kiosk tickets come from a registered kiosk (send its device token); a phone page sends channel "web".',
  },
  SCREEN_CANNOT_ISSUE: { zh: '大厅显示屏不能出号。', en: 'A hall screen cannot issue tickets.' },
  KIOSK_OTHER_HALL: { zh: '该取号机登记在其他大厅。', en: 'This kiosk is registered to another hall.' },
  STAFF_OTHER_HALL: { zh: '工作人员只能在本人所在大厅出号。', en: 'Staff issue tickets only in their own hall.' },
  APPOINTMENT_NEEDS_CHECK_IN: {
    zh: '预约号须在取号机签到或由大厅工作人员出号；手机页面请使用 web 渠道。',
    en: 'Appointment tickets come from checking in at a kiosk or with staff of the hall; a phone page sends channel "web".',
  },
  PRIORITY_NEEDS_KIOSK: {
    zh: '优先号（老年人、残疾人、孕妇）请在大厅取号机领取或由工作人员办理；手机上请领取普通号。',
    en: 'Priority tickets (elderly, disabled, pregnant) are given at a kiosk of the hall or by its staff; from a phone take a normal ticket.',
  },

  TICKET_OR_NUMBER: { zh: '请只填写 ticketId 或 number 其中之一。', en: 'Give exactly one of ticketId or number.' },
  CATEGORY_OR_WINDOW: { zh: '请只填写 category 或 window 其中之一。', en: 'Give exactly one of category or window.' },
  OPEN_FLAG: { zh: 'open 只能为 true 或 false。', en: 'open must be true or false.' },
  IDEMPOTENCY_KEY: {
    zh: 'Idempotency-Key 须为 1–100 个可打印 ASCII 字符，且不含空格。',
    en: 'Idempotency-Key must be 1-100 printable ASCII characters without spaces.',
  },
  MANAGER_NEEDS_HALL: { zh: '大厅管理员至少需要在 hallIds 中指定一个大厅。', en: 'A manager needs at least one hall in hallIds.' },
  CLERK_NEEDS_WINDOW: { zh: '窗口工作人员至少需要在 windowIds 中指定一个窗口。', en: 'A clerk needs at least one window in windowIds.' },
  ADMIN_NO_SCOPE: { zh: '系统管理员拥有全部大厅和窗口：请不要填写 hallIds 和 windowIds。', en: 'An admin has every hall and window: leave hallIds and windowIds out.' },
  MANAGER_HALLS_ONLY: { zh: '大厅管理员只分配大厅：请使用 hallIds，不要填写 windowIds。', en: 'A manager is given halls, not windows: use hallIds and leave windowIds out.' },
  CLERK_WINDOWS_ONLY: {
    zh: '窗口工作人员只分配窗口，其大厅由窗口决定：请使用 windowIds，不要填写 hallIds。',
    en: "A clerk is given windows; the clerk's halls follow from them: use windowIds and leave hallIds out.",
  },
};

/** Words that appear as parameter values (statuses, actions, fields, access levels), said in Chinese. */
const ZH_TERMS: Record<string, string> = {
  waiting: '等候中', called: '已叫号', serving: '办理中', done: '已办结', no_show: '过号', 'no-show': '过号', cancelled: '已取消',
  unserved: '未办理', transferred: '已转移', open: '开启', paused: '暂停', closed: '关闭',
  call: '叫号', recall: '重呼', start: '开始办理', finish: '办结', noShow: '标记过号', cancel: '取消', transfer: '转移',
  closeOut: '日终结算', pause: '暂停', resume: '恢复', close: '关闭',
  'category code': '事项代码', 'ticket prefix': '号码前缀', 'window label': '窗口号', opensAt: '开门时间', closesAt: '关门时间',
  from: '开始日期', to: '结束日期', date: '日期',
  admin: '系统管理员', 'hall-manager': '本大厅管理员', 'hall-staff': '本大厅工作人员', 'window-clerk': '本窗口工作人员或大厅管理员',
  'hall-viewer': '本大厅工作人员或已登记的显示屏、取号机', 'hall-kiosk': '本大厅工作人员或已登记的取号机', 'signed-in': '已登录的工作人员',
};

/** Words said differently in English than they are spelled in data (a status, an access level). */
const EN_TERMS: Record<string, string> = {
  no_show: 'no-show', admin: 'an admin', 'hall-manager': 'a manager of this hall', 'hall-staff': 'staff of this hall',
  'window-clerk': 'a clerk of this window or a manager of its hall', 'hall-viewer': 'staff or a registered screen or kiosk of this hall',
  'hall-kiosk': 'staff or a registered kiosk of this hall', 'signed-in': 'a signed-in member of staff',
};

/** Said for a code this catalog does not know (a newer api, or a proxy's own error). */
const UNKNOWN: ErrorMessage = { zh: '操作未能完成，请重试或联系工作人员。', en: 'That did not work; please try again or ask staff.' };

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * The sentence for an error in the reader's language: the reason's wording if the details name one,
 * else the code's; placeholders filled from `params`; a plainer sentence when a value is missing.
 */
export function errorText(code: string | undefined, params: unknown, lang: Lang): string {
  const p = params && typeof params === 'object' ? (params as ErrorParams) : {};
  const byCode = code && Object.hasOwn(ERROR_MESSAGES, code) ? ERROR_MESSAGES[code as ErrorCode] : undefined;
  const reason = typeof p.reason === 'string' && Object.hasOwn(REASON_MESSAGES, p.reason) ? REASON_MESSAGES[p.reason] : undefined;
  for (const m of [reason, byCode]) {
    if (!m) continue;
    const filled = fill(m[lang], p, lang);
    if (filled !== null) return filled;
    if (m.plain) return m.plain[lang];
  }
  return UNKNOWN[lang];
}

/** `template` with every `{name}` replaced, or null when a value is missing or empty. */
export function fill(template: string, params: Record<string, unknown>, lang: Lang): string | null {
  let missing = false;
  const out = template.replace(PLACEHOLDER, (_, name: string) => {
    const s = say(params[name], lang, name);
    if (s === '') missing = true;
    return s;
  });
  return missing ? null : out;
}

/** Parameters whose values are words of ours (statuses, actions, fields, access levels), so are translated. */
const WORDS = new Set(['status', 'state', 'action', 'allowed', 'field', 'needs']);

function say(v: unknown, lang: Lang, name: string): string {
  if (Array.isArray(v)) {
    const or = name === 'allowed';
    return v.map((x) => say(x, lang, name)).filter(Boolean).join(lang === 'zh' ? (or ? '或' : '、') : or ? ' or ' : ', ');
  }
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v !== 'string') return '';
  const terms = lang === 'zh' ? ZH_TERMS : EN_TERMS;
  return WORDS.has(name) && Object.hasOwn(terms, v) ? terms[v] : v;
}
