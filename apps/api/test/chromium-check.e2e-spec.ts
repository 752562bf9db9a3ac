import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumProblem, INSTALL_CHROMIUM } from './support/chromium-check';

/** The check the browser tests' globalSetup runs first (jest.config.js, project `browser`). */
describe('chromium check before the browser tests', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hallq-chromium-check-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('says in one line what to install when the browser is missing', () => {
    const problem = chromiumProblem(join(dir, 'no-such-chromium'));
    expect(problem).toBe(`${INSTALL_CHROMIUM}; ${join(dir, 'no-such-chromium')} is missing.`);
    expect(problem).toContain('apt-get install chromium fonts-noto-cjk (see README)');
    expect(problem).not.toContain('\n');
  });

  it('refuses a file that is there but cannot be run', () => {
    const file = join(dir, 'not-executable');
    writeFileSync(file, '#!/bin/sh\n');
    chmodSync(file, 0o644);
    expect(chromiumProblem(file)).toMatch(/^Browser tests need Debian's chromium/);
  });

  it('passes an executable', () => {
    const file = join(dir, 'chromium');
    writeFileSync(file, '#!/bin/sh\n');
    chmodSync(file, 0o755);
    expect(chromiumProblem(file)).toBeNull();
  });
});
