// Locust's three CSV files share a prefix: PREFIX_stats.csv, PREFIX_failures.csv and
// PREFIX_stats_history.csv. Export writes all three; import accepts any of them and finds the others.

const SUFFIXES = { history: '_stats_history.csv', stats: '_stats.csv', failures: '_failures.csv' } as const;

export interface CsvFileSet {
  prefix: string;
  stats: string;
  failures: string;
  history: string;
}

export function csvFileSet(prefix: string): CsvFileSet {
  return { prefix, stats: `${prefix}${SUFFIXES.stats}`, failures: `${prefix}${SUFFIXES.failures}`, history: `${prefix}${SUFFIXES.history}` };
}

/** The prefix of one of Locust's files (`/x/results_stats.csv` -> `/x/results`), or of any other name the user typed. */
export function csvPrefixOf(path: string): string {
  for (const suffix of [SUFFIXES.history, SUFFIXES.stats, SUFFIXES.failures]) {
    if (path.toLowerCase().endsWith(suffix)) return path.slice(0, -suffix.length);
  }
  return path.replace(/\.csv$/i, '');
}

/** The files to import from what the user picked: the stats file is required, the others optional. */
export function importSetFromPicked(picked: readonly string[]): { ok: true; set: CsvFileSet } | { ok: false; message: string } {
  const prefixes = [...new Set(picked.map(csvPrefixOf))];
  if (prefixes.length !== 1 || prefixes[0] === undefined) {
    return { ok: false, message: 'Pick the CSV files of one Locust run (PREFIX_stats.csv and, if you have them, PREFIX_failures.csv and PREFIX_stats_history.csv).' };
  }
  return { ok: true, set: csvFileSet(prefixes[0]) };
}
