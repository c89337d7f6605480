// Writing the reports a run or `loadlens report` was asked for: Locust's three CSV files, the
// self-contained HTML report and the loss-free JSON result.

import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RunResult } from '../core/metrics/result';
import { failuresCsv, historyCsv, htmlReport, resultJson, statsCsv } from '../core/report';
import { CliFailure, ExitCode, UsageError } from './exit-codes';
import type { ReportTargets } from './run-options';

export interface WrittenReport {
  label: string;
  path: string;
}

interface PlannedFile {
  label: string;
  path: string;
  flag: string;
  render: (result: RunResult) => string;
}

function plan(targets: ReportTargets): PlannedFile[] {
  const files: PlannedFile[] = [];
  if (targets.html !== undefined) files.push({ label: 'HTML', path: targets.html, flag: '--html', render: htmlReport });
  if (targets.csvPrefix !== undefined) {
    const prefix = targets.csvPrefix;
    files.push(
      { label: 'CSV', path: `${prefix}_stats.csv`, flag: '--csv', render: statsCsv },
      { label: 'CSV', path: `${prefix}_failures.csv`, flag: '--csv', render: failuresCsv },
      { label: 'CSV', path: `${prefix}_stats_history.csv`, flag: '--csv', render: (r) => historyCsv(r, targets.csvFullHistory) },
    );
  }
  if (targets.json !== undefined) files.push({ label: 'JSON', path: targets.json, flag: '--json', render: resultJson });
  return files;
}

/**
 * Before anything is sent: make the reports' folders and refuse paths that cannot be files, so
 * that a typo does not cost a whole run.
 */
export function prepareReportPaths(targets: ReportTargets): void {
  for (const file of plan(targets)) {
    let isDirectory = false;
    try {
      isDirectory = statSync(file.path).isDirectory();
    } catch {
      // Not there yet: the usual case.
    }
    if (isDirectory) throw new UsageError(`${file.flag}: ${file.path} is a directory; give the path of a file inside it.`);
    try {
      mkdirSync(dirname(file.path), { recursive: true });
    } catch (error) {
      throw new UsageError(`${file.flag}: cannot create the folder for ${file.path}: ${(error as Error).message}.`);
    }
  }
}

export function writeReports(result: RunResult, targets: ReportTargets): WrittenReport[] {
  const written: WrittenReport[] = [];
  for (const file of plan(targets)) {
    try {
      mkdirSync(dirname(file.path), { recursive: true });
      writeFileSync(file.path, file.render(result));
    } catch (error) {
      throw new CliFailure(`cannot write ${file.path}: ${(error as Error).message}`, ExitCode.runFailed);
    }
    written.push({ label: file.label, path: file.path });
  }
  return written;
}

export function formatWrittenReports(written: readonly WrittenReport[]): string {
  if (written.length === 0) return '';
  return ['Reports', ...written.map((report) => `  ${report.label.padEnd(4)}  ${report.path}`)].join('\n') + '\n';
}
