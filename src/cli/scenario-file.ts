// Reading a scenario from disk and checking it against the real file system (data and body files).

import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { EnvironmentFileProblem } from '../core/plan';
import type { CheckResult, Diagnostic, OutsideVariables } from '../core/scenario';
import { commandLineFileAccess, type FileAccess } from '../engine/file-access';
import { checkScenarioOnDisk } from '../engine/file-check-environment';
import { missingBaselineDiagnostics } from './baseline-rules';
import { CliFailure, ExitCode } from './exit-codes';
import { escapeControls } from './format';

export interface LoadedScenario {
  /** As the user wrote it, for messages. */
  displayPath: string;
  absolutePath: string;
  text: string;
  /** The folders its `# @data` and `< file` may read: the current directory, its own, each --allow-path. */
  access: FileAccess;
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory, not a file';
  if (code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

/** Reads a file the user named; a missing or unreadable one is a usage error (exit 2). */
export function readUserFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliFailure(`cannot read ${what} ${path}: ${describeFsError(error)}.`, ExitCode.usage);
  }
}

export function loadScenario(path: string, allowPaths: readonly string[] = []): LoadedScenario {
  // A mistyped --allow-path would allow nothing and leave the user puzzled by the refusal.
  for (const folder of allowPaths) {
    if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) throw new CliFailure(`--allow-path ${folder} is not a folder: give a folder that exists.`, ExitCode.usage);
  }
  const text = readUserFile(path, 'scenario');
  return { displayPath: path, absolutePath: resolve(path), text, access: commandLineFileAccess(path, allowPaths) };
}

/**
 * `hasBaseline`: whether a --baseline was given, without which baseline rules are errors.
 * `outside`: the names the environments and --var give (src/core/plan/environments.ts).
 */
export function checkLoadedScenario(scenario: LoadedScenario, hasBaseline = false, outside?: OutsideVariables): CheckResult {
  const checked = checkScenarioOnDisk(scenario.text, scenario.absolutePath, scenario.access, undefined, outside);
  if (hasBaseline) return checked;
  return { ...checked, diagnostics: [...checked.diagnostics, ...missingBaselineDiagnostics(checked.scenario)] };
}

/** An environment file's problem in the same `FILE:LINE:COL: severity: message` form. */
export function formatEnvironmentProblem(problem: EnvironmentFileProblem): string {
  const where = problem.line !== undefined ? `:${problem.line}:${problem.column ?? 1}` : '';
  return `${problem.file}${where}: ${problem.severity}: ${problem.message}`;
}

/** `FILE:LINE:COL: severity: message`, 1-based, the form editors and CI annotate. */
export function formatDiagnostic(file: string, diagnostic: Diagnostic): string {
  const { line, character } = diagnostic.range.start;
  return `${escapeControls(file)}:${line + 1}:${character + 1}: ${diagnostic.severity}: ${escapeControls(diagnostic.message)}`;
}

export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}
