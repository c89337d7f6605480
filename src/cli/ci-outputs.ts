// What `run` writes for CI and comparisons after a run: the change against --baseline, the JUnit
// file, the Markdown summary (and $GITHUB_STEP_SUMMARY), and GitHub's workflow commands.
import { appendFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { compareResults, type Comparison } from '../core/comparison';
import { COMPACT_HEADERS, compactComparisonCells } from '../core/comparison/cells';
import type { RunResult } from '../core/metrics/result';
import { diagnosticAnnotation, thresholdAnnotations } from '../core/report/github-commands';
import { junitReport } from '../core/report/junit';
import { summaryMarkdown } from '../core/report/summary-markdown';
import type { Diagnostic, Scenario } from '../core/scenario';
import type { CiSettings } from './ci-options';
import { CliFailure, ExitCode } from './exit-codes';
import type { Style } from './format';
import { writeOutputFile, type WrittenReport } from './report-files';
import { readResultFile } from './result-file';
import { renderTable, type Column } from './table';

export interface Baseline {
  result: RunResult;
  /** The file as the user named it. */
  label: string;
}

export function loadBaseline(ci: CiSettings): Baseline | undefined {
  if (ci.baselineFile === undefined) return undefined;
  return { result: readResultFile(ci.baselineFile, 'baseline'), label: ci.baselineFile };
}

export function compareWithBaseline(result: RunResult, baseline: Baseline | undefined): Comparison | undefined {
  return baseline ? compareResults(baseline.result, result) : undefined;
}

/** True when running as a GitHub Actions step: then workflow commands annotate the pull request. */
export function inGitHubActions(env: NodeJS.ProcessEnv): boolean {
  return env.GITHUB_ACTIONS === 'true';
}

export function renderBaselineChange(comparison: Comparison, baseline: Baseline, style: Style): string {
  const columns: Column[] = COMPACT_HEADERS.map((title, i) => ({ title, align: i < 2 ? 'left' : 'right' }));
  const table = renderTable(columns, [...compactComparisonCells(comparison.rows), 'rule', ...compactComparisonCells([comparison.aggregate])]);
  const lines = [`Change against the baseline ${baseline.label}`, table, style.dim(`▲/▼: larger than the noise of the two runs (loadlens compare explains each). ${comparison.sameScenario ? '' : 'The baseline comes from a different version of the scenario.'}`.trim())];
  return lines.join('\n');
}

export function githubThresholdCommands(result: RunResult, scenarioFile: string, scenario: Scenario): string[] {
  return thresholdAnnotations(result.thresholds, scenarioFile, (index) => scenario.requests[index]?.requestLineRange.start.line);
}

export function githubDiagnosticCommands(scenarioFile: string, diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => diagnosticAnnotation(scenarioFile, diagnostic));
}

/** --junit and --summary files, and the step summary; returns what was written, for the list of reports. */
export function writeCiReports(result: RunResult, ci: CiSettings, comparison: Comparison | undefined, baseline: Baseline | undefined, env: NodeJS.ProcessEnv): WrittenReport[] {
  const written: WrittenReport[] = [];
  const extras = { comparison, baselineLabel: baseline?.label };
  if (ci.junit !== undefined) {
    writeOutputFile(ci.junit, junitReport(result, { ...extras, hostname: hostname() }));
    written.push({ label: 'JUnit', path: ci.junit });
  }
  const stepSummary = env.GITHUB_STEP_SUMMARY;
  if (ci.summary === undefined && !stepSummary) return written;
  const markdown = summaryMarkdown(result, extras);
  if (ci.summary !== undefined) {
    writeOutputFile(ci.summary, markdown);
    written.push({ label: 'Summary', path: ci.summary });
  }
  if (stepSummary) {
    try {
      appendFileSync(stepSummary, markdown);
    } catch (error) {
      throw new CliFailure(`cannot append to GITHUB_STEP_SUMMARY (${stepSummary}): ${(error as Error).message}`, ExitCode.runFailed);
    }
  }
  return written;
}
