// Rows of a `# @data` file for one worker: its share of the rows, read by a cursor that wraps
// around, or at random. Every iteration of a virtual user takes one row per binding.

import type { Random } from '../core/schedule/random';
import type { DataShare } from './worker-protocol';

export class DataFeed {
  private cursor = 0;

  constructor(private readonly share: DataShare) {}

  next(random: Random): string[] | undefined {
    const rows = this.share.rows;
    if (rows.length === 0) return undefined;
    if (this.share.random) return rows[Math.floor(random() * rows.length)];
    const row = rows[this.cursor];
    this.cursor = this.cursor + 1 === rows.length ? 0 : this.cursor + 1;
    return row;
  }
}

/**
 * Worker `worker` of `workers` gets rows worker, worker + N, worker + 2N...: together the workers
 * walk the file in order, as one shared cursor would. A file with fewer rows than workers is
 * given whole to every worker.
 */
export function shareRows(rows: readonly string[][], worker: number, workers: number): string[][] {
  if (workers <= 1 || rows.length < workers) return rows.slice();
  const share: string[][] = [];
  for (let i = worker; i < rows.length; i += workers) share.push(rows[i] as string[]);
  return share;
}

/** What csv-parse's error codes mean, in words that quote nothing of the file. */
const CSV_PROBLEMS: Record<string, string> = {
  INVALID_OPENING_QUOTE: 'a quote in the middle of an unquoted value',
  CSV_INVALID_CLOSING_QUOTE: 'text right after a closing quote',
  CSV_QUOTE_NOT_CLOSED: 'a quote that is never closed',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'rows of different lengths',
  CSV_INVALID_ARGUMENT: 'an option the parser refused',
};

/**
 * Why a data file could not be read, safe to show: csv-parse's own messages quote the value it
 * stopped at (`value is "..."`), and no message may show what a file holds
 * (docs/security.md). File-rule and file-system errors name only the path.
 */
export function dataFileProblem(error: unknown): string {
  const { code, lines } = (error ?? {}) as { code?: unknown; lines?: unknown };
  if (typeof code === 'string' && typeof lines === 'number') {
    return `not valid CSV at line ${lines}: ${CSV_PROBLEMS[code] ?? 'the text cannot be read as CSV'}`;
  }
  return error instanceof Error ? error.message : String(error);
}
