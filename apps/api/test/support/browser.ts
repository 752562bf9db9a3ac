import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, chromiumProblem } from './chromium-check';
import { startTestApp, type TestApp } from './test-app';

export { CHROMIUM };

/** Screenshots land here (git-ignored), to be looked at. */
export const SHOTS = resolve(__dirname, '../../../../test-output/screenshots');

/**
 * Builds apps/display into `outDir` with Vite's JS API. In a child process: Vite is ESM only, and Jest
 * on Node 20 cannot load it (its require(esm) support is not used by Jest's module loader).
 */
export function buildDisplay(outDir: string): void {
  const script = `import { build } from 'vite';
    await build({ configFile: ${JSON.stringify(resolve(__dirname, '../../../display/vite.config.ts'))}, logLevel: 'error',
      build: { outDir: ${JSON.stringify(outDir)}, emptyOutDir: true } });`;
  execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: resolve(__dirname, '../../../..'), stdio: 'inherit' });
}

/**
 * The address a page is opened at, with what a real device would have: hall screens and kiosks their
 * device token (?device=), so the caller passes one; staff pages get their sign-in put into
 * localStorage by `staffInit` (the sign-in form itself is tested in consoles.e2e-spec).
 */
export function withDevice(path: string, deviceToken: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}device=${encodeURIComponent(deviceToken)}`;
}

/** An init script (page.addInitScript) that signs the page in as the given staff token. */
export function staffInit(token: string): [(tok: string) => void, string] {
  return [(tok: string) => localStorage.setItem('hallq.staffToken', tok), token];
}

export interface BrowserHall {
  t: TestApp;
  browser: Browser;
  close(): Promise<void>;
}

/** The built display app served by the real api on a fresh database, and headless chromium to look at it. */
export async function startBrowserHall(extraArgs: string[] = []): Promise<BrowserHall> {
  const missing = chromiumProblem(CHROMIUM);
  if (missing) throw new Error(missing);
  mkdirSync(SHOTS, { recursive: true });
  const displayDir = mkdtempSync(join(tmpdir(), 'hallq-display-'));
  buildDisplay(displayDir);
  const t = await startTestApp({ env: { HALLQ_DISPLAY_DIR: displayDir } });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-dev-shm-usage', ...extraArgs],
  });
  return {
    t,
    browser,
    close: async () => {
      await browser.close();
      await t.close();
      rmSync(displayDir, { recursive: true, force: true });
    },
  };
}
