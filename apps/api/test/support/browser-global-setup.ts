import { CHROMIUM, chromiumProblem } from './chromium-check';

/**
 * Jest globalSetup of the `browser` project, run only when browser tests are selected: on a machine
 * without chromium the run stops here with one line saying what to install, before any test starts.
 */
export default function browserGlobalSetup(): void {
  const problem = chromiumProblem(CHROMIUM);
  if (!problem) return;
  const e = new Error(problem);
  e.stack = problem; // Jest prints the stack: keep it the one line
  throw e;
}
