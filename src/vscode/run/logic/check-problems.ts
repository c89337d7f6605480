// `??` checks that failed in a run, as Problems-panel entries on their own `??` lines, worded by
// src/core/present/checks.ts: `failed 12 of 3,400 times: got 503 (9), got 500 (3)`. They share the
// threshold problems' shape and lifecycle (src/vscode/run/threshold-diagnostics.ts): each remembers
// its line's text, so an edit of that line makes the run's set stale.
import type { CheckStats } from '../../../core/metrics/check-counts';
import { describeCheckOutcome } from '../../../core/present';
import { problemOnLine, type ThresholdProblem } from './threshold-problems';

/** The diagnostic code of a failed check, beside the rules' own codes (`p95 < 300ms`). */
export const CHECK_FAILED_CODE = 'check-failed';

/**
 * One problem per check that failed at least once. `lines` is the text that ran, by line: a
 * check whose line there is not a `??` line (a result of another text) gets no problem.
 */
export function checkProblems(checks: readonly CheckStats[] | undefined, lines: readonly string[]): ThresholdProblem[] {
  const problems: ThresholdProblem[] = [];
  for (const check of checks ?? []) {
    if (check.failed === 0) continue;
    const line = check.line - 1;
    const text = lines[line];
    if (text === undefined || !text.trimStart().startsWith('??')) continue;
    problems.push(problemOnLine(line, text, { severity: 'error', message: describeCheckOutcome(check), rule: CHECK_FAILED_CODE }));
  }
  return problems;
}
