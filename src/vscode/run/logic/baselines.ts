// Baselines in the editor: where a scenario's baseline is kept, and what the Problems panel says
// of a rule against a baseline (`p95 < baseline + 10%`) when the scenario has none. The baseline
// is a result as `loadlens run --json` writes it, so the CLI reads the same file with --baseline.
import { applicableThresholds, isBaselineRule } from '../../../core/analysis';
import type { Scenario } from '../../../core/scenario/model';
import { problemOnLine, type ThresholdProblem } from './threshold-problems';

export const BASELINE_FOLDER = '.loadlens/baselines';
export const BASELINE_MISSING_CODE = 'baseline-missing';

/**
 * The baseline file of a scenario, as path segments under the workspace folder: the scenario's
 * own path in the folder with `.json` added, so that it is stable, readable and unique per
 * scenario (`api/hospital.load.http` -> `.loadlens/baselines/api/hospital.load.http.json`).
 * Undefined for a path that leaves the folder.
 */
export function baselineSegments(scenarioPathInFolder: string): string[] | undefined {
  const parts = scenarioPathInFolder.split(/[\\/]+/).filter((part) => part !== '' && part !== '.');
  if (parts.length === 0 || parts.includes('..')) return undefined;
  const last = parts.pop() as string;
  return [...BASELINE_FOLDER.split('/'), ...parts, `${last}.json`];
}

/**
 * One warning per rule against a baseline when the run had none: the rule was not evaluated
 * (docs/running.md, Baselines). A rule from the settings has no line: it goes on the first line.
 */
export function missingBaselineProblems(scenario: Scenario, defaults: string[], lines: readonly string[]): ThresholdProblem[] {
  const problems: ThresholdProblem[] = [];
  for (const rule of applicableThresholds(scenario, defaults)) {
    if (!isBaselineRule(rule)) continue;
    const line = rule.range?.start.line ?? 0;
    const text = lines[line];
    if (text === undefined) continue;
    problems.push(
      problemOnLine(line, text, {
        severity: 'warning',
        message:
          `\`${rule.text}\` was not evaluated: this scenario has no baseline. ` +
          'Set a run as the baseline ("Loadlens: Set as Baseline", or Set as Baseline in the results panel), then run again.',
        rule: BASELINE_MISSING_CODE,
      }),
    );
  }
  return problems;
}
