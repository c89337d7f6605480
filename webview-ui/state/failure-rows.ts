// The Failures table: most frequent first, each failure's text as the run recorded it (a code
// like DEPTH_ZERO_SELF_SIGNED_CERT) and, beside it, the plain words every other place shows for
// it: Send Request, the warning after a run, the CLI (src/core/present/failure-words.ts). Pure:
// tables.ts renders these rows as text nodes.
import type { FailureRow } from '../../src/core/metrics/result';
import { formatCount } from '../../src/core/present/numbers';
import { failureWords } from '../../src/core/present/failure-words';

export interface FailureTableRow {
  occurrences: string;
  method: string;
  name: string;
  error: string;
  /** What the error means and what to do; absent when the table has no words for it (`HTTP 503`). */
  words?: string;
}

export function failureTableRows(failures: readonly FailureRow[]): FailureTableRow[] {
  return [...failures]
    .sort((a, b) => b.occurrences - a.occurrences)
    .map((failure) => {
      const words = failureWords(failure.error);
      const row: FailureTableRow = { occurrences: formatCount(failure.occurrences), method: failure.method, name: failure.name, error: failure.error };
      return words === undefined ? row : { ...row, words };
    });
}
