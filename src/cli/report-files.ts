// Writing the reports a run or `loadlens report` was asked for: Locust's three CSV files, the
// self-contained HTML report and the loss-free JSON result.

import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { RunResult } from '../core/metrics/result';
import { failuresCsv, historyCsv, htmlReport, resultJson, statsCsv } from '../core/report';
import type { HtmlReportExtras } from '../core/report/html-report';
import { CliFailure, ExitCode, UsageError } from './exit-codes';
import { escapeControls } from './format';
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

function plan(targets: ReportTargets, extras: HtmlReportExtras = {}): PlannedFile[] {
  const files: PlannedFile[] = [];
  if (targets.html !== undefined) files.push({ label: 'HTML', path: targets.html, flag: '--html', render: (result) => htmlReport(result, extras) });
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

/** Two outputs naming one file would leave only the last one written: refused before anything runs. */
function refuseSharedPaths(files: readonly PlannedFile[], input: string | undefined): void {
  const seen = new Map<string, PlannedFile>();
  const key = (path: string) => (process.platform === 'win32' || process.platform === 'darwin' ? resolve(path).toLowerCase() : resolve(path));
  for (const file of files) {
    if (input !== undefined && key(file.path) === key(input)) {
      throw new UsageError(`${file.flag} ${file.path} is the result being read: write the report to another file.`);
    }
    const earlier = seen.get(key(file.path));
    if (earlier) {
      const which = earlier.flag === file.flag ? `${file.flag} writes ${file.path} twice` : `${earlier.flag} and ${file.flag} both name ${file.path}`;
      throw new UsageError(`${which}: each report needs a file of its own.`);
    }
    seen.set(key(file.path), file);
  }
}

/**
 * Before anything is sent: make the reports' folders and refuse paths that cannot be files (or
 * that two reports share), so that a typo does not cost a whole run. `input`: the result file
 * `loadlens report` reads, which no report may overwrite.
 */
export function prepareReportPaths(targets: ReportTargets, input?: string): void {
  const files = plan(targets);
  refuseSharedPaths(files, input);
  for (const file of files) {
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

/**
 * Written whole or not at all: the text goes to a temporary file in the same folder, which then
 * takes the report's name in one rename. A full disk or a killed process leaves the previous
 * report as it was (and at worst a stray `.name.*.tmp`), never a truncated one.
 */
function writeWhole(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, text, { flag: 'wx' });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Writes one output file whole (see writeWhole); a failure is exit 3 with the path in the message. */
export function writeOutputFile(path: string, text: string): void {
  try {
    writeWhole(path, text);
  } catch (error) {
    throw new CliFailure(`cannot write ${path}: ${(error as Error).message}`, ExitCode.runFailed);
  }
}

/** Every report that can be written is; those that cannot are named together, exit 3. */
export function writeReports(result: RunResult, targets: ReportTargets, extras?: HtmlReportExtras): WrittenReport[] {
  const written: WrittenReport[] = [];
  const failed: string[] = [];
  for (const file of plan(targets, extras)) {
    try {
      writeWhole(file.path, file.render(result));
      written.push({ label: file.label, path: file.path });
    } catch (error) {
      failed.push(`cannot write ${file.path}: ${(error as Error).message}`);
    }
  }
  if (failed.length > 0) {
    const kept = written.length > 0 ? ` (written: ${written.map((report) => report.path).join(', ')})` : '';
    throw new CliFailure(`${failed.join('; ')}${kept}`, ExitCode.runFailed);
  }
  return written;
}

export function formatWrittenReports(written: readonly WrittenReport[]): string {
  if (written.length === 0) return '';
  const width = Math.max(...written.map((report) => report.label.length));
  return ['Reports', ...written.map((report) => `  ${report.label.padEnd(width)}  ${escapeControls(report.path)}`)].join('\n') + '\n';
}
