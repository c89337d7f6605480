// The CheckEnvironment of a scenario on disk, shared by the engine, the CLI and the extension:
// data and body files resolve against the scenario's folder. The editor checks on every pause in
// typing, so this stays cheap: a stat per question, and a CSV's header row is read (first line
// only, never the whole file) once per path + mtime.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { CheckEnvironment } from '../core/scenario/model';

/** Enough for any real header row; a longer first line is cut here rather than read on. */
const MAX_HEADER_BYTES = 64 * 1024;
const CHUNK_BYTES = 4096;

interface CachedHeader {
  mtimeMs: number;
  size: number;
  columns: string[] | undefined;
}

/** Header rows by absolute path. One cache per extension, shared by every open scenario. */
export class CsvHeaderCache {
  private readonly headers = new Map<string, CachedHeader>();

  columns(absolutePath: string): string[] | undefined {
    const stats = statSync(absolutePath, { throwIfNoEntry: false });
    if (!stats?.isFile()) {
      this.headers.delete(absolutePath);
      return undefined;
    }
    const cached = this.headers.get(absolutePath);
    if (cached && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size) return cached.columns;
    const columns = readHeaderColumns(absolutePath);
    this.headers.set(absolutePath, { mtimeMs: stats.mtimeMs, size: stats.size, columns });
    return columns;
  }
}

export function createFileCheckEnvironment(scenarioPath: string, headers: CsvHeaderCache = new CsvHeaderCache()): CheckEnvironment {
  const folder = dirname(scenarioPath);
  return {
    fileExists: (relativePath) => statSync(resolve(folder, relativePath), { throwIfNoEntry: false })?.isFile() ?? false,
    csvColumns: (relativePath) => headers.columns(resolve(folder, relativePath)),
  };
}

/** The column names of a CSV's first row; undefined when the file cannot be read or parsed. */
export function readHeaderColumns(absolutePath: string): string[] | undefined {
  let line: string;
  try {
    line = readFirstLine(absolutePath);
  } catch {
    return undefined;
  }
  return parseHeaderLine(line);
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

function readFirstLine(absolutePath: string): string {
  const descriptor = openSync(absolutePath, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    while (total < MAX_HEADER_BYTES) {
      const chunk = Buffer.alloc(CHUNK_BYTES);
      const read = readSync(descriptor, chunk, 0, CHUNK_BYTES, total);
      if (read === 0) break;
      const newline = chunk.subarray(0, read).indexOf(0x0a);
      if (newline >= 0) {
        chunks.push(chunk.subarray(0, newline));
        break;
      }
      chunks.push(chunk.subarray(0, read));
      total += read;
    }
    return Buffer.concat(chunks).toString('utf8').replace(/\r$/, '');
  } finally {
    closeSync(descriptor);
  }
}
