// The per-request stats table with Locust's web UI columns, for a live run (from the latest
// interval) and for a finished one (from the result), and its sorting. Pure: the view renders
// what these functions return; a row and how its cells read are src/core/present/stats-row.ts.
import type { IntervalSnapshot, RunResult } from '../../src/core/metrics/result';
import { formatProtocols, statsRowFromEndpoint, statsRowFromInterval, type StatsColumn, type StatsRow } from '../../src/core/present/stats-row';

export type { StatsColumn, StatsRow };

export interface StatsColumnInfo {
  key: StatsColumn;
  /** Locust's heading; `live` differs where a live number means something else (the last second). */
  label: string;
  liveLabel?: string;
  numeric: boolean;
}

export const STATS_COLUMNS: readonly StatsColumnInfo[] = [
  { key: 'method', label: 'Type', numeric: false },
  { key: 'name', label: 'Name', numeric: false },
  { key: 'requests', label: '# Requests', numeric: true },
  { key: 'failures', label: '# Fails', numeric: true },
  { key: 'medianMs', label: 'Median (ms)', numeric: true },
  { key: 'p95Ms', label: '95%ile (ms)', numeric: true },
  { key: 'p99Ms', label: '99%ile (ms)', numeric: true },
  { key: 'meanMs', label: 'Average (ms)', numeric: true },
  { key: 'minMs', label: 'Min (ms)', numeric: true },
  { key: 'maxMs', label: 'Max (ms)', numeric: true },
  { key: 'avgBytes', label: 'Average size (bytes)', numeric: true },
  { key: 'rps', label: 'RPS', liveLabel: 'Current RPS', numeric: true },
  { key: 'failuresPerSec', label: 'Failures/s', liveLabel: 'Current Failures/s', numeric: true },
  { key: 'protocol', label: 'Protocol', numeric: false },
];

export interface SortOrder {
  column: StatsColumn;
  descending: boolean;
}

export interface StatsTable {
  rows: StatsRow[];
  aggregate: StatsRow | undefined;
}

export function tableFromResult(result: RunResult): StatsTable {
  return { rows: result.endpoints.map(statsRowFromEndpoint), aggregate: statsRowFromEndpoint(result.aggregate) };
}

export function tableFromSnapshot(snapshot: IntervalSnapshot): StatsTable {
  return { rows: snapshot.endpoints.map(statsRowFromInterval), aggregate: statsRowFromInterval(snapshot.aggregate) };
}

/** Before the first interval of a run: one empty row per request, so the table has its shape at once. */
export function emptyTable(requestNames: readonly string[]): StatsTable {
  const zero = { requests: 0, failures: 0, medianMs: 0, p95Ms: 0, p99Ms: 0, meanMs: 0, minMs: 0, maxMs: 0, avgBytes: 0, rps: 0, failuresPerSec: 0, protocol: formatProtocols(undefined) };
  return { rows: requestNames.map((name) => ({ method: '', name, ...zero })), aggregate: undefined };
}

/** Rows in the given order (none: scenario order, as Locust lists them); ties keep scenario order. The aggregate row is not sorted: it stays last. */
export function sortRows(rows: readonly StatsRow[], order: SortOrder | undefined): StatsRow[] {
  if (!order) return [...rows];
  const { column, descending } = order;
  const indexed = rows.map((row, index) => ({ row, index }));
  indexed.sort((a, b) => {
    const left = a.row[column];
    const right = b.row[column];
    const compared =
      typeof left === 'number' && typeof right === 'number'
        ? left - right
        : String(left).localeCompare(String(right), 'en', { sensitivity: 'base', numeric: true });
    if (compared !== 0) return descending ? -compared : compared;
    return a.index - b.index;
  });
  return indexed.map((entry) => entry.row);
}

/**
 * A click on a heading: a new column sorts ascending for text and descending for numbers (the
 * slowest or busiest first, which is what one looks for); the same column again flips it.
 */
export function nextSort(current: SortOrder | undefined, column: StatsColumn): SortOrder {
  if (current?.column === column) return { column, descending: !current.descending };
  const info = STATS_COLUMNS.find((candidate) => candidate.key === column);
  return { column, descending: info?.numeric ?? false };
}
