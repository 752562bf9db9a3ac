/**
 * npm run bench:forecast [-- <bank log.tsv>]
 * Accuracy of the forecaster beside the baselines on simulated days and on the real call-centre month,
 * and the speed figures. The bank log is read from ../shared/data (never copied into the repository).
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { replayBankLog } from './bank-replay';
import { formatScores } from './scoring';
import { DEMO_HALL_DAY, SINGLE_LINE_DAY, scoreSimulatedDays } from './simulated-days';
import { mapBasedRule, measureSpeed } from './speed';

const args = process.argv.slice(2);
const bankPath = args.find((a) => !a.startsWith('--')) ?? resolve(__dirname, '../../../../shared/data/anonymous-bank-1999/february.tsv');

for (const sc of [SINGLE_LINE_DAY, DEMO_HALL_DAY]) {
  const t0 = performance.now();
  const r = scoreSimulatedDays(sc);
  const took = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(formatScores(`Simulated: ${sc.name}; ${r.tickets} tickets scored, mean wait ${(r.meanWaitS / 60).toFixed(1)} min (${took} s)`, r.scores));
  console.log();
}

if (existsSync(bankPath)) {
  const r = replayBankLog(bankPath);
  const title =
    `Anonymous Bank ${r.file.split('/').pop()}: ${r.scored} scored calls, mean wait ${r.meanWaitS.toFixed(1)} s; ` +
    'README baselines: constant 1.005, QL 1.53, QL_m 1.09, LES 1.46, HOL 1.36; target RASE <= 0.85';
  console.log(formatScores(title, r.scores));
  console.log(`  month replayed through estimators and predictor in ${(r.replayMs / 1000).toFixed(2)} s (target <= 10 s)`);
} else {
  console.log(`(bank log not found at ${bankPath}; pass its path as an argument)`);
}
console.log();
const sp = measureSpeed(mapBasedRule, 30);
console.log(
  `Speed: 1,000 waiting tickets, 40 windows (36 open, 12 shared), Monte Carlo of a pickNextTicket-shaped rule: ` +
    `wall median ${sp.medianMs.toFixed(1)} ms, p90 ${sp.p90Ms.toFixed(1)} ms; CPU median ${sp.cpuMedianMs.toFixed(1)} ms ` +
    `(target <= 20 ms; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores)`,
);
