// `check`: every problem of a scenario as a diagnostic. Never throws.
import type { CheckEnvironment, CheckResult, Diagnostic, Scenario } from './model';
import { checkBodyFileTemplates } from './check-body-files';
import { checkVariableExpansion } from './check-expansion';
import { checkDuplicateNames, checkVariableCycles } from './check-names';
import { checkReferences } from './check-references';
import { checkFiles, checkRequests } from './check-requests';
import { splitLines } from './lines';
import { DEFAULT_STOP_TIMEOUT_MS, DEFAULT_TIMEOUT_MS, parseWithDiagnostics } from './parse';
import { comparePositions, diagnostic, lineRange } from './ranges';

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return comparePositions(a.range.start, b.range.start) || comparePositions(a.range.end, b.range.end);
}

function emptyScenario(lineCount: number): Scenario {
  return {
    variables: [],
    directives: [],
    timeoutMs: DEFAULT_TIMEOUT_MS,
    stopTimeoutMs: DEFAULT_STOP_TIMEOUT_MS,
    data: [],
    thresholds: [],
    requests: [],
    tasks: [],
    lineCount,
  };
}

/** Parse and check: every problem as a Diagnostic (range, severity, message, code, fixes). Never throws. */
export function checkScenario(text: string, env: CheckEnvironment = {}): CheckResult {
  try {
    const { scenario, diagnostics, templates } = parseWithDiagnostics(text);
    const firstLine = text.slice(0, Math.max(0, text.search(/\r?\n|$/)));
    diagnostics.push(
      ...checkReferences(scenario, templates, env),
      ...checkDuplicateNames(scenario),
      ...checkVariableCycles(scenario),
      ...checkVariableExpansion(scenario, templates),
      ...checkRequests(scenario, firstLine),
      ...checkFiles(scenario, env),
      ...checkBodyFileTemplates(scenario, env),
    );
    return { scenario, diagnostics: diagnostics.sort(byPosition) };
  } catch (error) {
    // A bug of ours must not take the editor or the CLI down: it becomes one diagnostic.
    const detail = error instanceof Error ? error.message : String(error);
    const message = `Loadlens could not check this file (internal error: ${detail}); please report it`;
    return { scenario: emptyScenario(splitLines(text).length), diagnostics: [diagnostic(lineRange(0, 0, 0), 'error', 'internal-error', message)] };
  }
}
