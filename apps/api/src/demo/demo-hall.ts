import type { CategoryInput, HallInput, WindowInput } from '@hallq/queue';

/**
 * The demo hall seeded into an empty database: six common service categories of a Chinese government
 * service hall and ten windows with mixed work profiles. Always open, so it can be tried at any hour.
 */
export const DEMO_HALL: HallInput = { name: '示范政务服务大厅 Demo Service Hall', opensAt: '00:00', closesAt: '00:00' };

export const DEMO_CATEGORIES: CategoryInput[] = [
  { code: 'enterprise', prefix: 'A', nameZh: '企业开办', nameEn: 'Enterprise declaration', targetWaitSec: 1200, defaultServiceSec: 900, sortOrder: 1,
    materials: ['法定代表人身份证', '公司章程', '住所证明', '名称预先核准通知书'] },
  { code: 'social', prefix: 'B', nameZh: '社会保险', nameEn: 'Social insurance', targetWaitSec: 900, defaultServiceSec: 420, sortOrder: 2,
    materials: ['身份证', '社保卡'] },
  { code: 'medical', prefix: 'C', nameZh: '医疗保险', nameEn: 'Medical insurance', targetWaitSec: 900, defaultServiceSec: 360, sortOrder: 3,
    materials: ['身份证', '医保卡', '医疗费用票据'] },
  { code: 'housing', prefix: 'D', nameZh: '住房公积金', nameEn: 'Housing fund', targetWaitSec: 1200, defaultServiceSec: 600, sortOrder: 4,
    materials: ['身份证', '银行卡', '购房合同或租房合同'] },
  { code: 'realestate', prefix: 'E', nameZh: '不动产登记', nameEn: 'Real estate registration', targetWaitSec: 1800, defaultServiceSec: 1200, sortOrder: 5,
    materials: ['身份证', '不动产权证书', '买卖合同', '完税证明'] },
  { code: 'tax', prefix: 'F', nameZh: '税务办理', nameEn: 'Tax', targetWaitSec: 1200, defaultServiceSec: 540, sortOrder: 6,
    materials: ['身份证', '营业执照', '发票或申报表'] },
];

export const DEMO_WINDOWS: WindowInput[] = [
  { label: '1', categories: ['enterprise'], state: 'open' },
  { label: '2', categories: ['enterprise'], state: 'open' },
  { label: '3', categories: ['enterprise', 'tax'], state: 'open' },
  { label: '4', categories: ['enterprise', 'tax'], state: 'open' },
  { label: '5', categories: ['social', 'medical'], state: 'open' },
  { label: '6', categories: ['medical', 'social'], state: 'open' },
  { label: '7', categories: ['housing'], state: 'open' },
  { label: '8', categories: ['realestate', 'housing'], state: 'open' },
  { label: '9', categories: ['tax', 'enterprise'], state: 'open' },
  { label: '10', categories: ['enterprise', 'social', 'medical', 'housing', 'realestate', 'tax'], state: 'closed' },
];

/**
 * Demo sign-ins, fixed so a newcomer can read them in the README. Only a demo start (HALLQ_SEED_DEMO,
 * never with NODE_ENV=production) creates them.
 */
export const DEMO_ACCOUNTS = [
  { username: 'admin', password: 'hallq-demo-admin', role: 'admin' as const, displayName: '系统管理员 Admin' },
  { username: 'manager', password: 'hallq-demo-manager', role: 'manager' as const, displayName: '大厅主任 Hall manager' },
  { username: 'clerk', password: 'hallq-demo-clerk', role: 'clerk' as const, displayName: '窗口人员 Clerk (windows 1-4)', windows: ['1', '2', '3', '4'] },
];

/** Device tokens of the demo's own screen and kiosk (pages take them as ?device=...). */
export const DEMO_DEVICES = [
  { kind: 'screen' as const, label: 'Demo hall screen', token: 'hqd_demo-screen-token' },
  { kind: 'kiosk' as const, label: 'Demo kiosk', token: 'hqd_demo-kiosk-token' },
];
