// The three CSV files of `--csv PREFIX`, as Locust 2.x writes them (docs/reports.md):
// same header rows, column order, number formats and the `Aggregated` row, so that scripts and
// spreadsheets made for Locust's files read ours unchanged.
import { PERCENTILES, type EndpointStats, type IntervalStats, type RunResult } from '../metrics/result';
import { compareCodePoints, csvRow, locustBucket, pyFixed, pyFloat } from './python-format';

/** `50%`, `66%`, ... `99.9%`, `99.99%`, `100%` (Locust's get_readable_percentiles). */
export const PERCENTILE_COLUMNS: string[] = PERCENTILES.map((p) => `${p}%`);

export const STATS_COLUMNS: string[] = [
  'Type',
  'Name',
  'Request Count',
  'Failure Count',
  'Median Response Time',
  'Average Response Time',
  'Min Response Time',
  'Max Response Time',
  'Average Content Size',
  'Requests/s',
  'Failures/s',
  ...PERCENTILE_COLUMNS,
];

export const FAILURES_COLUMNS: string[] = ['Method', 'Name', 'Error', 'Occurrences'];

export const HISTORY_COLUMNS: string[] = [
  'Timestamp',
  'User Count',
  'Type',
  'Name',
  'Requests/s',
  'Failures/s',
  ...PERCENTILE_COLUMNS,
  'Total Request Count',
  'Total Failure Count',
  'Total Median Response Time',
  'Total Average Response Time',
  'Total Min Response Time',
  'Total Max Response Time',
  'Total Average Content Size',
];

/**
 * Decision (docs/reports.md, "Cells that look like formulas"): a text cell that a spreadsheet
 * would take for a formula gets a leading apostrophe, as OWASP advises, so `=HYPERLINK(...)` in a
 * request's title (a scenario from elsewhere) or an error shows as text. Locust writes such cells
 * raw; every other cell stays byte for byte as Locust writes it. Tab and CR count because some
 * spreadsheets skip them before looking for the `=`.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function spreadsheetText(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

interface Totals {
  requests: number;
  minMs: number;
  maxMs: number;
  medianMs: number;
  meanMs: number;
  avgContentBytes: number;
}

/**
 * Locust's median is a bucketed value (an int) held between min and max, which are exact (floats):
 * when the bucket falls outside, the float shows.
 */
function medianField(totals: Totals): string {
  if (totals.requests === 0) return '0';
  const bucket = locustBucket(totals.medianMs);
  if (bucket > totals.maxMs) return pyFloat(totals.maxMs);
  if (bucket < totals.minMs) return pyFloat(totals.minMs);
  return String(bucket);
}

/** Min and max start as the int 0 in Locust (`min or 0`, `max(0, x)`) and stay so while 0. */
function timeOrZero(value: number, requests: number): string {
  return requests === 0 || value === 0 ? '0' : pyFloat(value);
}

/** `N/A` for every percentile when nothing was requested yet, else the bucketed ints. */
function percentileFields(requests: number, percentiles: Record<string, number>): string[] {
  if (requests === 0) return PERCENTILES.map(() => 'N/A');
  return PERCENTILES.map((p) => String(locustBucket(percentiles[String(p)] ?? 0)));
}

function totalColumns(totals: Totals): string[] {
  return [
    medianField(totals),
    totals.requests === 0 ? '0.0' : pyFloat(totals.meanMs),
    timeOrZero(totals.minMs, totals.requests),
    timeOrZero(totals.maxMs, totals.requests),
    // total / count is a float in Python 3 (0.0 for empty bodies); with no request it is the int 0.
    totals.requests === 0 ? '0' : pyFloat(totals.avgContentBytes),
  ];
}

/** Locust lists request names sorted by (name, method), then the aggregate. */
function sortedByName<T extends { name: string; method: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => compareCodePoints(a.name, b.name) || compareCodePoints(a.method, b.method));
}

function statsTotals(stats: EndpointStats): Totals {
  return {
    requests: stats.requests,
    minMs: stats.minMs,
    maxMs: stats.maxMs,
    medianMs: stats.medianMs,
    meanMs: stats.meanMs,
    avgContentBytes: stats.requests === 0 ? 0 : stats.contentBytes / stats.requests,
  };
}

function statsRow(stats: EndpointStats): string {
  const [median = '0', average = '0.0', min = '0', max = '0', size = '0'] = totalColumns(statsTotals(stats));
  return csvRow([
    spreadsheetText(stats.method),
    spreadsheetText(stats.name),
    String(stats.requests),
    String(stats.failures),
    median,
    average,
    min,
    max,
    size,
    pyFloat(stats.rps),
    pyFloat(stats.failuresPerSec),
    ...percentileFields(stats.requests, stats.percentiles),
  ]);
}

/** PREFIX_stats.csv: one row per request name (Type = method), then `,Aggregated,...`. */
export function statsCsv(result: RunResult): string {
  const rows = sortedByName(result.endpoints).map(statsRow);
  return csvRow(STATS_COLUMNS) + rows.join('') + statsRow({ ...result.aggregate, method: '', name: 'Aggregated' });
}

/** PREFIX_failures.csv: one row per (method, name, error). */
export function failuresCsv(result: RunResult): string {
  return csvRow(FAILURES_COLUMNS) + result.failures.map((f) => csvRow([spreadsheetText(f.method), spreadsheetText(f.name), spreadsheetText(f.error), String(f.occurrences)])).join('');
}

function historyRow(timestamp: number, users: number, stats: IntervalStats): string {
  return csvRow([
    String(timestamp),
    String(users),
    spreadsheetText(stats.method),
    spreadsheetText(stats.name),
    pyFixed(stats.rps, 6),
    pyFixed(stats.failuresPerSec, 6),
    ...percentileFields(stats.total.requests, stats.window),
    String(stats.total.requests),
    String(stats.total.failures),
    ...totalColumns(stats.total),
  ]);
}

/**
 * PREFIX_stats_history.csv: one row per interval for the aggregate; with `fullHistory`, first one
 * per request name that has been requested so far (Locust only knows a name after its first request).
 */
export function historyCsv(result: RunResult, fullHistory: boolean): string {
  let text = csvRow(HISTORY_COLUMNS);
  for (const interval of result.intervals) {
    const timestamp = Math.floor(interval.time / 1000);
    if (fullHistory) {
      const seen = interval.endpoints.filter((e) => e.total.requests > 0 || e.total.failures > 0);
      for (const endpoint of sortedByName(seen)) text += historyRow(timestamp, interval.users, endpoint);
    }
    text += historyRow(timestamp, interval.users, { ...interval.aggregate, method: '', name: 'Aggregated' });
  }
  return text;
}
