/**
 * npm run replay -- <file> [--json]
 * Scores the forecaster and the baselines on a queue log in the Anonymous Bank layout.
 */
import { replayBankLog } from './bank-replay';
import { formatScores } from './scoring';

const args = process.argv.slice(2);
const json = args.includes('--json');
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('usage: npm run replay -- <log.tsv> [--json]');
  process.exit(2);
}
const r = replayBankLog(file);
if (json) {
  console.log(JSON.stringify(r, null, 2));
} else {
  const title = `${r.file}: ${r.scored} scored calls, mean wait ${r.meanWaitS.toFixed(1)} s, replayed in ${(r.replayMs / 1000).toFixed(2)} s (* = hallq)`;
  console.log(formatScores(title, r.scores));
}
