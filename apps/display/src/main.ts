import { applyPrefs } from './shared/prefs';
import { counterPage } from './pages/counter/counter.page';
import { homePage } from './pages/home/home.page';
import { kioskPage } from './pages/kiosk/kiosk.page';
import { screenPage } from './pages/screen/screen.page';
import { ticketPage } from './pages/ticket/ticket.page';
import './shared/base.css';

/** Path routing for the three device pages; the api serves index.html for each of them. */
const root = document.getElementById('app')!;
applyPrefs();
const [, page, id, sub] = location.pathname.split('/').map(decodeURIComponent);
if (page === 'screen' && id) screenPage(root, id);
else if (page === 'kiosk' && id) kioskPage(root, id);
else if (page === 't' && id) ticketPage(root, id);
else if (page === 'counter' && id && sub) counterPage(root, id, sub);
// Staff pages with charts load on demand: screens, kiosks and phones never download Chart.js.
else if (page === 'manager' && id) void import('./pages/manager/manager.page').then((m) => m.managerPage(root, id));
else if (page === 'report' && id) void import('./pages/report/report.page').then((m) => m.reportPage(root, id));
else void homePage(root);
