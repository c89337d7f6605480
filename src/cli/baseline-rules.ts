// Rules relative to a baseline (`p95 < baseline + 10%`) need a baseline run. In the CLI that is
// `--baseline RESULT.json`; without it such a rule is an error before anything is sent, because a
// CI job that silently skipped it would pass a regression (docs/cli.md).
import { applicableThresholds, isBaselineRule } from '../core/analysis';
import type { Diagnostic, Scenario } from '../core/scenario';

export const MISSING_BASELINE_CODE = 'baseline-missing';

export function missingBaselineDiagnostics(scenario: Scenario): Diagnostic[] {
  return applicableThresholds(scenario, [])
    .filter((rule) => isBaselineRule(rule) && rule.range !== undefined)
    .map((rule) => ({
      range: rule.range as NonNullable<typeof rule.range>,
      severity: 'error',
      code: MISSING_BASELINE_CODE,
      message:
        `\`${rule.text}\` compares with a baseline run, and none was given: ` +
        'pass --baseline RESULT.json (a result saved with `loadlens run --json`), or write a fixed limit such as p95 < 500ms.',
    }));
}
