// Broken thresholds as Problems-panel entries: on the request line of each request that breaks a
// rule, and on the rule's own line for the aggregate. Each entry remembers the text of its line
// so that an edit which moves or changes the requests makes the whole set stale (the numbers
// describe the file as it was run, not as it is now).
import type { ThresholdVerdict } from '../../../core/metrics/result';
import type { Scenario } from '../../../core/scenario/model';
import { verdictMessage } from '../../../core/present';

export interface ThresholdProblem {
  line: number;
  startCharacter: number;
  endCharacter: number;
  severity: 'error' | 'warning';
  message: string;
  /** Shown as the diagnostic's code: which rule, e.g. `p95 < 500ms` or `default: errors < 1% warn`. */
  rule: string;
  /** The line's text when the problem was made. */
  anchor: string;
}

function lineOf(verdict: ThresholdVerdict, scenario: Scenario): number | undefined {
  if (verdict.target === 'aggregate') return verdict.ruleLine;
  const request =
    (verdict.requestIndex !== undefined ? scenario.requests[verdict.requestIndex] : undefined) ??
    scenario.requests.find((candidate) => candidate.statsName === verdict.target);
  return request?.requestLineRange.start.line;
}

/** A problem over the text of `line` (its leading and trailing blanks left out), anchored to that text. */
export function problemOnLine(line: number, text: string, what: Pick<ThresholdProblem, 'severity' | 'message' | 'rule'>): ThresholdProblem {
  const startCharacter = text.length - text.trimStart().length;
  return { line, startCharacter, endCharacter: Math.max(startCharacter, text.trimEnd().length), ...what, anchor: text };
}

/**
 * One problem per broken verdict. `lines` is the document's text by line, as it is now. A
 * default rule broken by the aggregate has no line of its own: it goes on the first line, where
 * the run's code lens is.
 */
export function thresholdProblems(verdicts: readonly ThresholdVerdict[], scenario: Scenario, lines: readonly string[]): ThresholdProblem[] {
  const problems: ThresholdProblem[] = [];
  for (const verdict of verdicts) {
    if (verdict.passed) continue;
    const line = lineOf(verdict, scenario) ?? 0;
    const text = lines[line];
    if (text === undefined) continue;
    problems.push(
      problemOnLine(line, text, {
        severity: verdict.severity === 'error' ? 'error' : 'warning',
        message: verdictMessage(verdict),
        rule: verdict.isDefault ? `default: ${verdict.rule}` : verdict.rule,
      }),
    );
  }
  return problems;
}

/** True while every problem's line still reads as it did when the run ended. `lineText` is undefined past the end. */
export function problemsStillMatch(problems: readonly ThresholdProblem[], lineText: (line: number) => string | undefined): boolean {
  return problems.every((problem) => lineText(problem.line) === problem.anchor);
}
