import { useCredential } from './shared/auth';
import { applyPrefs } from './shared/prefs';
import { requireStaff } from './shared/sign-in';
import { counterPage } from './pages/counter/counter.page';
import { devicesPage } from './pages/devices/devices.page';
import { homePage } from './pages/home/home.page';
import { kioskPage } from './pages/kiosk/kiosk.page';
import { screenPage } from './pages/screen/screen.page';
import { ticketPage } from './pages/ticket/ticket.page';
import './shared/base.css';

/** Path routing for the three device pages; the api serves index.html for each of them. */
const root = document.getElementById('app')!;
applyPrefs();
const [, page, id, sub] = location.pathname.split('/').map(decodeURIComponent);
if (page === 'screen' && id) {
  useCredential('device');
  screenPage(root, id);
} else if (page === 'kiosk' && id) {
  useCredential('device');
  kioskPage(root, id);
} else if (page === 't' && id) ticketPage(root, id);
else if (page === 'counter' && id && sub) {
  useCredential('staff');
  void requireStaff(root).then(() => counterPage(root, id, sub));
} else if (page === 'manager' && id) {
  // Staff pages with charts load on demand: screens, kiosks and phones never download Chart.js.
  useCredential('staff');
  void requireStaff(root).then(() => import('./pages/manager/manager.page')).then((m) => m.managerPage(root, id));
} else if (page === 'report' && id) {
  useCredential('staff');
  void requireStaff(root).then(() => import('./pages/report/report.page')).then((m) => m.reportPage(root, id));
} else if (page === 'devices' && id) {
  useCredential('staff');
  void requireStaff(root).then(() => devicesPage(root, id));
} else void homePage(root);
