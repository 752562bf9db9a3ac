import { accessSync, constants } from 'node:fs';

/** Debian's chromium; a test never downloads a browser. */
export const CHROMIUM = '/usr/bin/chromium';

/** What to do when the browser tests cannot run here: one line, as README says. */
export const INSTALL_CHROMIUM = 'Browser tests need Debian\'s chromium: apt-get install chromium fonts-noto-cjk (see README)';

/**
 * Null when `path` is an executable the browser tests can drive, else the one line to show. The path
 * is a parameter so the check itself is tested without touching the machine's browser.
 */
export function chromiumProblem(path: string): string | null {
  try {
    accessSync(path, constants.X_OK);
    return null;
  } catch {
    return `${INSTALL_CHROMIUM}; ${path} is missing.`;
  }
}
