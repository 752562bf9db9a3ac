/**
 * `npm run lint:lines`: lists every tracked source line (.ts, .js, .cjs, .mjs) over 160 characters and
 * exits 1 if there is one. Plain Node, no dependency, so CI can run it before anything is built.
 *
 * Files named in scripts/long-lines-allowed.txt may still exceed while they are being rewritten; their
 * lines are counted, not listed. An entry whose file has no long line left (or no longer exists) fails
 * the check too, so the list is kept exact and can only shrink.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAX = 160;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ALLOW_FILE = 'scripts/long-lines-allowed.txt';
const SOURCE = /\.(ts|js|cjs|mjs)$/;
// When git cannot list the files (a copy without .git): walk the tree, skipping what .gitignore ignores.
const UNTRACKED_DIRS = new Set(['node_modules', 'dist', 'data', 'test-output', 'coverage', '.git']);

function trackedFiles() {
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--', '*.ts', '*.js', '*.cjs', '*.mjs'], { cwd: ROOT, encoding: 'utf8' });
    return out.split('\0').filter(Boolean);
  } catch {
    const files = [];
    const walk = (dir) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) {
          if (!UNTRACKED_DIRS.has(e.name)) walk(join(dir, e.name));
        } else if (SOURCE.test(e.name)) {
          files.push(relative(ROOT, join(dir, e.name)).split(sep).join('/'));
        }
      }
    };
    walk(ROOT);
    return files;
  }
}

/** The allow-list: one path a line; blank lines and lines starting with # are ignored. */
function allowed() {
  const path = join(ROOT, ALLOW_FILE);
  if (!existsSync(path)) return new Set();
  const lines = readFileSync(path, 'utf8').split('\n').map((l) => l.trim());
  return new Set(lines.filter((l) => l && !l.startsWith('#')));
}

const allow = allowed();
const long = [];
const allowedCounts = new Map();
for (const file of trackedFiles().sort()) {
  const path = join(ROOT, file);
  if (!existsSync(path)) continue; // deleted in the working tree, not yet committed
  const lines = readFileSync(path, 'utf8').split('\n');
  lines.forEach((raw, i) => {
    // Characters as an editor counts them (code points), so a line of Chinese text is not counted in bytes.
    const length = [...raw.replace(/\r$/, '')].length;
    if (length <= MAX) return;
    if (allow.has(file)) allowedCounts.set(file, (allowedCounts.get(file) ?? 0) + 1);
    else long.push(`${file}:${i + 1}: ${length} characters`);
  });
}
const stale = [...allow].filter((file) => !allowedCounts.has(file));

for (const line of long) console.log(line);
for (const file of stale) console.log(`${ALLOW_FILE}: ${file} has no line over ${MAX} characters (or is gone); remove it from the list`);
const allowedLines = [...allowedCounts.values()].reduce((a, b) => a + b, 0);
if (allowedLines) console.log(`(${allowedLines} long lines in ${allowedCounts.size} files still allowed by ${ALLOW_FILE})`);
if (long.length || stale.length) {
  const entries = stale.length === 1 ? 'entry' : 'entries';
  console.log(`${long.length} ${long.length === 1 ? 'line' : 'lines'} over ${MAX} characters, ${stale.length} stale allow-list ${entries}`);
  process.exit(1);
}
console.log(`No line over ${MAX} characters outside the allow-list.`);
