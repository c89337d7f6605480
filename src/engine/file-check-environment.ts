// The CheckEnvironment of a scenario on disk, shared by the engine, the CLI and the extension:
// data and body files resolve against the scenario's folder, and only files the rule of
// ./file-access.ts allows are looked into. The editor checks on every pause in typing, so this
// stays cheap: a stat per question, and a CSV's start is read (the header row and whether a data
// row follows, never the whole file) once per path + mtime.
import { closeSync, constants, openSync, readSync, statSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { checkScenario, type CheckEnvironment, type CheckResult, type Diagnostic, type OutsideVariables, type Scenario } from '../core/scenario';
import { MAX_EXPANSION_CHARS } from '../core/scenario/limits';
import { readScenarioFile, resolveScenarioFile, type FileAccess } from './file-access';

/** Enough for any real header row; a longer first line is cut here rather than read on. */
const MAX_HEADER_BYTES = 64 * 1024;
const CHUNK_BYTES = 4096;

/** A column name a real CSV would have; anything else (`KEY=secret`, `root:x:0:0`, key material) is not listed. */
const PLAUSIBLE_COLUMN = /^[\p{L}\p{N}_][\p{L}\p{N}_ .-]{0,63}$/u;
const MAX_PLAUSIBLE_COLUMNS = 1000;

interface CsvStart {
  /** The header row, only when it looks like one: plausible names, no NUL bytes. */
  columns: string[] | undefined;
  /** False when the file ends after its header row (or is empty); true when unsure (a very long header). */
  hasDataRow: boolean;
}

interface CachedHeader extends CsvStart {
  mtimeMs: number;
  size: number;
}

/** Header rows by absolute path. One cache per extension, shared by every open scenario. */
export class CsvHeaderCache {
  private readonly headers = new Map<string, CachedHeader>();

  columns(absolutePath: string): string[] | undefined {
    return this.start(absolutePath)?.columns;
  }

  hasDataRow(absolutePath: string): boolean {
    return this.start(absolutePath)?.hasDataRow ?? true;
  }

  private start(absolutePath: string): CsvStart | undefined {
    const stats = statSync(absolutePath, { throwIfNoEntry: false });
    if (!stats?.isFile()) {
      this.headers.delete(absolutePath);
      return undefined;
    }
    const cached = this.headers.get(absolutePath);
    if (cached && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size) return cached;
    const start = readCsvStart(absolutePath);
    this.headers.set(absolutePath, { mtimeMs: stats.mtimeMs, size: stats.size, ...start });
    return start;
  }
}

/** The text of a `<@` body file for the check of its {{references}}: at most the expansion limit (a longer file fails the run on that limit anyway). */
function bodyFileReader(scenarioPath: string, access: FileAccess): NonNullable<CheckEnvironment['bodyFileText']> {
  return (relativePath, encoding) => {
    try {
      return readScenarioFile(scenarioPath, relativePath, access, MAX_EXPANSION_CHARS).toString(encoding);
    } catch {
      return undefined; // refused or unreadable: fileAccessDiagnostics or the core's "not found" says so
    }
  };
}

export function createFileCheckEnvironment(scenarioPath: string, access: FileAccess, headers: CsvHeaderCache = new CsvHeaderCache()): CheckEnvironment {
  // A file that exists but may not be read "exists" here: fileAccessDiagnostics says why it is
  // refused, rather than the core's "not found". Its columns are never looked at.
  return {
    fileExists: (relativePath) => {
      const verdict = resolveScenarioFile(scenarioPath, relativePath, access);
      return verdict.ok || verdict.refusal !== 'missing';
    },
    csvColumns: (relativePath) => {
      const verdict = resolveScenarioFile(scenarioPath, relativePath, access);
      return verdict.ok ? headers.columns(verdict.realPath) : undefined;
    },
    bodyFileText: bodyFileReader(scenarioPath, access),
  };
}

/** Refused data, body and multipart part files, and data files with no row to send, as diagnostics on their lines. */
export function fileAccessDiagnostics(scenario: Scenario, scenarioPath: string, access: FileAccess, headers: CsvHeaderCache = new CsvHeaderCache()): Diagnostic[] {
  const out: Diagnostic[] = [];
  const refused = (range: Diagnostic['range'], what: string, written: string): boolean => {
    const verdict = resolveScenarioFile(scenarioPath, written, access);
    if (verdict.ok || verdict.refusal === 'missing') return false; // missing: the core's own "not found"
    out.push({ range, severity: 'error', code: `file-${verdict.refusal}`, message: `${what} ${verdict.message}` });
    return true;
  };
  for (const binding of scenario.data) {
    if (refused(binding.range, 'data file', binding.file)) continue;
    const verdict = resolveScenarioFile(scenarioPath, binding.file, access);
    if (verdict.ok && !headers.hasDataRow(verdict.realPath)) {
      const message = `data file '${binding.file}' has no data rows (a header row is needed, then one row per value set): add rows below the header`;
      out.push({ range: binding.range, severity: 'error', code: 'data-file-no-rows', message });
    }
  }
  for (const request of scenario.requests) {
    const body = request.body;
    if (body?.kind === 'file') refused(body.range, 'body file', body.path);
    else for (const part of body?.parts ?? []) refused(part.range, 'multipart part file', part.path);
  }
  return out;
}

/**
 * The one check of a scenario on disk: the core's diagnostics and the file rule's, in line order.
 * `outside`: the names an environment and `--var` give (src/core/plan/environments.ts).
 */
export function checkScenarioOnDisk(text: string, scenarioPath: string, access: FileAccess, headers: CsvHeaderCache = new CsvHeaderCache(), outside?: OutsideVariables): CheckResult {
  const checked = checkScenario(text, { ...createFileCheckEnvironment(scenarioPath, access, headers), outside });
  const extra = fileAccessDiagnostics(checked.scenario, scenarioPath, access, headers);
  if (extra.length === 0) return checked;
  const diagnostics = [...checked.diagnostics, ...extra].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { scenario: checked.scenario, diagnostics };
}

/** The header row (when plausible) and whether a data row follows; unreadable files have neither. */
function readCsvStart(absolutePath: string): CsvStart {
  let start: { header: string; hasDataRow: boolean };
  try {
    start = readHeaderAndNext(absolutePath);
  } catch {
    return { columns: undefined, hasDataRow: true };
  }
  const columns = start.header.includes('\0') ? undefined : parseHeaderLine(start.header);
  const plausible = columns !== undefined && columns.length <= MAX_PLAUSIBLE_COLUMNS && columns.every((column) => PLAUSIBLE_COLUMN.test(column));
  return { columns: plausible ? columns : undefined, hasDataRow: start.hasDataRow };
}

/** The column names of a CSV's first row; undefined when the file cannot be read or parsed, or its header does not look like one. */
export function readHeaderColumns(absolutePath: string): string[] | undefined {
  return readCsvStart(absolutePath).columns;
}

export function parseHeaderLine(line: string): string[] | undefined {
  if (line.trim() === '') return undefined;
  try {
    const rows = parse(line, { bom: true, trim: true, relax_quotes: true, relax_column_count: true, to_line: 1 }) as string[][];
    return rows[0];
  } catch {
    return undefined;
  }
}

function hasNonEmptyLine(bytes: Buffer): boolean {
  return bytes.toString('utf8').split('\n').some((line) => line.replace(/\r$/, '') !== '');
}

/**
 * The first line, and whether a non-empty line follows it (true when unsure: the read stopped
 * first). Opened non-blocking so a FIFO that slipped past a stat cannot hang the editor.
 */
function readHeaderAndNext(absolutePath: string): { header: string; hasDataRow: boolean } {
  const descriptor = openSync(absolutePath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    let text = Buffer.alloc(0);
    let endOfFile = false;
    while (text.length < 2 * MAX_HEADER_BYTES) {
      const chunk = Buffer.alloc(CHUNK_BYTES);
      const read = readSync(descriptor, chunk, 0, CHUNK_BYTES, text.length);
      if (read === 0) {
        endOfFile = true;
        break;
      }
      text = Buffer.concat([text, chunk.subarray(0, read)]);
      const newline = text.indexOf(0x0a);
      if (newline < 0 ? text.length >= MAX_HEADER_BYTES : hasNonEmptyLine(text.subarray(newline + 1))) break;
    }
    const newline = text.indexOf(0x0a);
    const header = text.subarray(0, newline < 0 ? MAX_HEADER_BYTES : newline).toString('utf8').replace(/\r$/, '');
    const hasDataRow = !endOfFile || (newline >= 0 && hasNonEmptyLine(text.subarray(newline + 1)));
    return { header, hasDataRow };
  } finally {
    closeSync(descriptor);
  }
}
