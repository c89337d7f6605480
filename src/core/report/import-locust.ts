// Locust's own three CSV files into a RunResult, so that the results panel shows a Locust run as
// it shows one of ours (docs/reports.md). What Locust does not write is filled honestly:
// histograms are rebuilt from the percentile columns (approximate), the load model is the peak
// user count of the history, and without a history file the start time is unknown (0).
import { RESULT_FORMAT_VERSION, type EndpointStats, type FailureRow, type IntervalSnapshot, type IntervalStats, type PercentileSet, type RunResult } from '../metrics/result';
import { deriveInsights } from '../analysis/insights';
import { histogramFromPercentiles } from './approximate-histogram';
import { readCsvTable } from './csv-read';

export type ImportedResult = { ok: true; result: RunResult } | { ok: false; message: string };

export const IMPORTED_ENGINE_VERSION = 'locust-csv';

const STATS_REQUIRED = ['Type', 'Name', 'Request Count', 'Failure Count', 'Median Response Time', 'Average Response Time', 'Min Response Time', 'Max Response Time', 'Average Content Size', 'Requests/s', 'Failures/s'];
const FAILURES_REQUIRED = ['Method', 'Name', 'Error', 'Occurrences'];
const HISTORY_REQUIRED = ['Timestamp', 'User Count', 'Type', 'Name', 'Requests/s', 'Failures/s', 'Total Request Count', 'Total Failure Count', 'Total Median Response Time', 'Total Average Response Time', 'Total Min Response Time', 'Total Max Response Time', 'Total Average Content Size'];
/** Locust 2.x names the aggregate row `Aggregated`; Locust before 1.0 named it `Total`. */
const AGGREGATE_NAMES = ['Aggregated', 'Total'];
const PERCENTILE_COLUMN = /^(\d+(?:\.\d+)?)%$/;

class ImportError extends Error {}

/** A number from a Locust field (`12`, `4.5`, `1e-05`); `N/A` and empty count as 0. */
function numberIn(row: Record<string, string>, column: string, where: string): number {
  const field = (row[column] ?? '').trim();
  if (field === '' || field === 'N/A') return 0;
  const value = Number(field);
  if (!Number.isFinite(value)) throw new ImportError(`${where}: '${column}' is '${field}', not a number`);
  return value;
}

function percentilesIn(row: Record<string, string>, header: string[], where: string): PercentileSet {
  const set: PercentileSet = {};
  for (const column of header) {
    const match = PERCENTILE_COLUMN.exec(column);
    if (match?.[1]) set[String(Number(match[1]))] = numberIn(row, column, where);
  }
  return set;
}

function statsRow(row: Record<string, string>, header: string[], where: string): EndpointStats {
  const requests = numberIn(row, 'Request Count', where);
  const minMs = numberIn(row, 'Min Response Time', where);
  const maxMs = numberIn(row, 'Max Response Time', where);
  const percentiles = percentilesIn(row, header, where);
  return {
    method: row.Type ?? '',
    name: row.Name ?? '',
    requests,
    failures: numberIn(row, 'Failure Count', where),
    minMs,
    maxMs,
    meanMs: numberIn(row, 'Average Response Time', where),
    medianMs: numberIn(row, 'Median Response Time', where),
    contentBytes: numberIn(row, 'Average Content Size', where) * requests,
    rps: numberIn(row, 'Requests/s', where),
    failuresPerSec: numberIn(row, 'Failures/s', where),
    percentiles,
    histogram: histogramFromPercentiles(requests, minMs, maxMs, percentiles),
  };
}

function readStats(text: string): { endpoints: EndpointStats[]; aggregate: EndpointStats } {
  const table = readCsvTable(text, 'stats CSV', STATS_REQUIRED);
  if (!table.ok) throw new ImportError(table.message);
  const endpoints: EndpointStats[] = [];
  let aggregate: EndpointStats | undefined;
  table.rows.forEach((row, i) => {
    const where = `stats CSV, row ${i + 2} (${row.Name ?? ''})`;
    const stats = statsRow(row, table.header, where);
    if ((row.Type ?? '') === '' && AGGREGATE_NAMES.includes(stats.name)) aggregate = { ...stats, name: 'Aggregated' };
    else endpoints.push(stats);
  });
  if (!aggregate) throw new ImportError("stats CSV has no 'Aggregated' row: is it a complete Locust _stats.csv file?");
  return { endpoints, aggregate };
}

function readFailures(text: string): FailureRow[] {
  const table = readCsvTable(text, 'failures CSV', FAILURES_REQUIRED);
  if (!table.ok) throw new ImportError(table.message);
  return table.rows.map((row, i) => ({
    method: row.Method ?? '',
    name: row.Name ?? '',
    error: row.Error ?? '',
    occurrences: numberIn(row, 'Occurrences', `failures CSV, row ${i + 2}`),
  }));
}

function intervalStats(row: Record<string, string>, header: string[], where: string, previousTotal: number): IntervalStats {
  const total = numberIn(row, 'Total Request Count', where);
  return {
    method: row.Type ?? '',
    name: row.Name ?? '',
    requests: Math.max(0, total - previousTotal),
    failures: 0,
    rps: numberIn(row, 'Requests/s', where),
    failuresPerSec: numberIn(row, 'Failures/s', where),
    window: percentilesIn(row, header, where),
    total: {
      requests: total,
      failures: numberIn(row, 'Total Failure Count', where),
      medianMs: numberIn(row, 'Total Median Response Time', where),
      meanMs: numberIn(row, 'Total Average Response Time', where),
      minMs: numberIn(row, 'Total Min Response Time', where),
      maxMs: numberIn(row, 'Total Max Response Time', where),
      avgContentBytes: numberIn(row, 'Total Average Content Size', where),
    },
  };
}

/** One snapshot per Timestamp, in file order; per-interval counts are differences of the totals. */
function readHistory(text: string): IntervalSnapshot[] {
  const table = readCsvTable(text, 'stats history CSV', HISTORY_REQUIRED);
  if (!table.ok) throw new ImportError(table.message);
  const snapshots: IntervalSnapshot[] = [];
  const previous = new Map<string, { requests: number; failures: number }>();
  let firstTimestamp: number | undefined;
  table.rows.forEach((row, i) => {
    const where = `stats history CSV, row ${i + 2}`;
    const timestamp = numberIn(row, 'Timestamp', where);
    firstTimestamp ??= timestamp;
    let snapshot = snapshots[snapshots.length - 1];
    if (!snapshot || snapshot.time !== timestamp * 1000) {
      snapshot = { time: timestamp * 1000, elapsedMs: (timestamp - firstTimestamp) * 1000, users: numberIn(row, 'User Count', where), inFlight: 0, dropped: 0, aggregate: emptyInterval(), endpoints: [] };
      snapshots.push(snapshot);
    }
    const isAggregate = (row.Type ?? '') === '' && AGGREGATE_NAMES.includes(row.Name ?? '');
    const key = isAggregate ? '\u0000aggregate' : `${row.Type ?? ''}\u0000${row.Name ?? ''}`;
    const before = previous.get(key) ?? { requests: 0, failures: 0 };
    const stats = intervalStats(row, table.header, where, before.requests);
    stats.failures = Math.max(0, stats.total.failures - before.failures);
    previous.set(key, { requests: stats.total.requests, failures: stats.total.failures });
    if (isAggregate) snapshot.aggregate = { ...stats, name: 'Aggregated' };
    else snapshot.endpoints.push(stats);
  });
  return snapshots;
}

function emptyInterval(): IntervalStats {
  return { method: '', name: 'Aggregated', requests: 0, failures: 0, rps: 0, failuresPerSec: 0, window: {}, total: { requests: 0, failures: 0, medianMs: 0, meanMs: 0, minMs: 0, maxMs: 0, avgContentBytes: 0 } };
}

/** Reads Locust's `_stats.csv` (required), `_failures.csv` and `_stats_history.csv`; `name` labels the run. Never throws. */
export function importLocustCsv(files: { stats: string; failures?: string; history?: string }, name: string): ImportedResult {
  try {
    const { endpoints, aggregate } = readStats(files.stats);
    const failures = files.failures === undefined ? [] : readFailures(files.failures);
    const intervals = files.history === undefined ? [] : readHistory(files.history);
    const first = intervals[0];
    const last = intervals[intervals.length - 1];
    // Without a history the duration still follows from Locust's own totals: requests / (requests/s).
    const durationMs = first && last ? last.time - first.time : aggregate.rps > 0 ? Math.round((aggregate.requests / aggregate.rps) * 1000) : 0;
    const startTime = first ? first.time : 0;
    const peakUsers = Math.max(0, ...intervals.map((interval) => interval.users));
    const withoutInsights: Omit<RunResult, 'insights'> = {
      formatVersion: RESULT_FORMAT_VERSION,
      engineVersion: IMPORTED_ENGINE_VERSION,
      scenario: { path: name, hash: '' },
      load: intervals.length > 0 ? { kind: 'users', users: peakUsers, runTimeMs: durationMs } : { kind: 'users', users: peakUsers },
      startTime,
      endTime: startTime + durationMs,
      outcome: 'completed',
      workers: 1,
      endpoints,
      aggregate,
      intervals,
      failures,
      dropped: 0,
      thresholds: [],
    };
    return { ok: true, result: { ...withoutInsights, insights: deriveInsights(withoutInsights) } };
  } catch (error) {
    if (error instanceof ImportError) return { ok: false, message: error.message };
    return { ok: false, message: `cannot read the Locust CSV files: ${error instanceof Error ? error.message : String(error)}` };
  }
}
