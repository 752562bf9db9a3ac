import { prefs, type Lang } from './prefs';

/** Every text the pages show, in both languages. zh-CN is the default. */
const TEXT = {
  appName: { zh: '政务服务大厅排队', en: 'Service hall queue' },
  nowCalling: { zh: '正在叫号', en: 'Now calling' },
  recentCalls: { zh: '最近叫号', en: 'Recent calls' },
  lines: { zh: '排队情况', en: 'Lines' },
  waitingCount: { zh: '等候', en: 'waiting' },
  people: { zh: '人', en: '' },
  waitNow: { zh: '现在取号约等', en: 'Wait if you take a ticket now' },
  noWindowOpen: { zh: '暂无窗口办理', en: 'No window open' },
  paused: { zh: '暂停取号', en: 'Not taking tickets' },
  toWindow: { zh: (w: string) => `${w} 号窗口`, en: (w: string) => `Window ${w}` },
  noCallsYet: { zh: '等待叫号', en: 'No calls yet' },
  live: { zh: '实时', en: 'Live' },
  connecting: { zh: '连接中…', en: 'Connecting…' },
  offline: { zh: '连接中断，正在重连', en: 'Connection lost, reconnecting' },
  minutes: { zh: (m: number) => `约 ${m} 分钟`, en: (m: number) => `about ${m} min` },
  minutesRange: { zh: (a: number, b: number) => `${a}–${b} 分钟`, en: (a: number, b: number) => `${a}–${b} min` },
  lessThanMinute: { zh: '马上', en: 'under a minute' },
  chooseService: { zh: '请选择办理事项', en: 'Choose your service' },
  bring: { zh: '请准备以下材料', en: 'Please bring' },
  nothingToBring: { zh: '无需额外材料', en: 'Nothing extra to bring' },
  normal: { zh: '普通取号', en: 'Regular ticket' },
  priority: { zh: '老年人 · 残疾人 优先', en: 'Elderly · disabled priority' },
  back: { zh: '返回', en: 'Back' },
  issuing: { zh: '正在出号…', en: 'Issuing…' },
  issueFailed: { zh: '出号失败，请重试或咨询工作人员', en: 'Could not issue a ticket. Try again or ask staff.' },
  retry: { zh: '重试', en: 'Try again' },
  yourNumber: { zh: '您的号码', en: 'Your number' },
  peopleAhead: { zh: (n: number) => `前面还有 ${n} 人`, en: (n: number) => `${n} ${n === 1 ? 'person' : 'people'} ahead` },
  expectedWait: { zh: '预计等待', en: 'Expected wait' },
  scanToTrack: { zh: '扫码用手机查看进度', en: 'Scan to follow on your phone' },
  print: { zh: '打印号票', en: 'Print ticket' },
  done: { zh: '完成', en: 'Done' },
  closed: { zh: '大厅已停止取号', en: 'The hall is not issuing tickets' },
  opens: { zh: (a: string, b: string) => `办理时间 ${a}–${b}`, en: (a: string, b: string) => `Opening hours ${a}–${b}` },
  hallNotFound: { zh: '找不到该大厅', en: 'Hall not found' },
  deviceNotRegistered: { zh: '本设备未登记或已停用，请联系大厅管理员', en: 'This device is not registered (or was revoked); ask the hall manager' },
  deviceHowTo: { zh: '管理员在管理页面“设备”中登记后，用 ?device=… 链接打开本页', en: 'A manager registers it (manager page → Devices) and opens this page with its ?device=… link' },
  signInTitle: { zh: '工作人员登录', en: 'Staff sign-in' },
  username: { zh: '用户名', en: 'Username' },
  password: { zh: '密码', en: 'Password' },
  signIn: { zh: '登录', en: 'Sign in' },
  signingIn: { zh: '正在登录…', en: 'Signing in…' },
  signInWrong: { zh: '用户名或密码错误（Wrong username or password）', en: 'Wrong username or password.' },
  signInFailed: { zh: '登录失败，请稍后重试', en: 'Could not sign in; try again in a moment' },
  signOut: { zh: '退出登录', en: 'Sign out' },
  ticketNotFound: { zh: '找不到该号票，请检查链接', en: 'Ticket not found; check the link' },
  large: { zh: '长者模式', en: 'Large text' },
  langSwitch: { zh: 'English', en: '中文' },
  statusWaiting: { zh: '排队中', en: 'Waiting' },
  goToWindow: { zh: (w: string) => `请到 ${w} 号窗口`, en: (w: string) => `Go to window ${w}` },
  calledHint: { zh: '轮到您了，请尽快前往', en: "It's your turn, please go now" },
  statusServing: { zh: (w: string) => `正在 ${w} 号窗口办理`, en: (w: string) => `Being served at window ${w}` },
  statusDone: { zh: '办理完毕，感谢您的耐心', en: 'Done. Thank you for your patience.' },
  statusNoShow: { zh: '已过号，请咨询工作人员', en: 'Your number was missed; please ask staff' },
  statusCancelled: { zh: '已取消', en: 'Cancelled' },
  statusUnserved: { zh: '当日未办理', en: 'Not served today' },
  notifyMe: { zh: '叫号时提醒我', en: 'Notify me when called' },
  cancelTicket: { zh: '不办了，取消号票', en: 'Cancel my ticket' },
  confirmCancel: { zh: '确定取消号票吗？', en: 'Cancel this ticket?' },
  printedAt: { zh: '取号时间', en: 'Issued' },
  halls: { zh: '大厅', en: 'Halls' },
  screenLink: { zh: '叫号屏', en: 'Hall screen' },
  kioskLink: { zh: '取号机', en: 'Kiosk' },
  soundOn: { zh: '点击开启叫号语音', en: 'Tap to turn on the voice' },
} as const;

type Key = keyof typeof TEXT;
type Entry<K extends Key> = (typeof TEXT)[K]['zh'];

/** The text in the current language; functions take the values to fill in. */
export function t<K extends Key>(key: K, lang: Lang = prefs.lang): Entry<K> {
  return TEXT[key][lang] as Entry<K>;
}

/** "about 12 min" from seconds; minutes rounded up, so nobody is told "0 minutes". */
export function waitText(sec: number | null | undefined, lang: Lang = prefs.lang): string {
  if (sec === null || sec === undefined) return '—';
  if (sec < 60) return t('lessThanMinute', lang);
  return t('minutes', lang)(Math.ceil(sec / 60));
}

export function waitRangeText(w: { lowSec: number; highSec: number } | null | undefined, lang: Lang = prefs.lang): string {
  if (!w) return '';
  return t('minutesRange', lang)(Math.floor(w.lowSec / 60), Math.ceil(w.highSec / 60));
}

export function categoryName(c: { nameZh: string; nameEn: string }, lang: Lang = prefs.lang): string {
  return lang === 'zh' ? c.nameZh : c.nameEn;
}
