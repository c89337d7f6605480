// One row of per-request statistics (Locust's columns) and how each of its cells reads, for the
// panel's table and the CLI's table alike. A live row comes from the latest interval, a finished
// one from the result.
import type { EndpointStats, IntervalStats } from '../metrics/result';
import { formatCount, formatMsNumber, formatRate, NO_VALUE } from './numbers';

export interface StatsRow {
  method: string;
  name: string;
  requests: number;
  failures: number;
  medianMs: number;
  p95Ms: number;
  p99Ms: number;
  meanMs: number;
  minMs: number;
  maxMs: number;
  avgBytes: number;
  rps: number;
  failuresPerSec: number;
  /** The protocols that answered, as they read (`HTTP/2`, `HTTP/1.1, HTTP/2`); `–` before any answer. */
  protocol: string;
}

export type StatsColumn = keyof StatsRow;

export function statsRowFromEndpoint(stats: EndpointStats): StatsRow {
  return {
    method: stats.method,
    name: stats.name,
    requests: stats.requests,
    failures: stats.failures,
    medianMs: stats.medianMs,
    p95Ms: stats.percentiles['95'] ?? 0,
    p99Ms: stats.percentiles['99'] ?? 0,
    meanMs: stats.meanMs,
    minMs: stats.minMs,
    maxMs: stats.maxMs,
    avgBytes: stats.requests > 0 ? stats.contentBytes / stats.requests : 0,
    rps: stats.rps,
    failuresPerSec: stats.failuresPerSec,
    protocol: formatProtocols(stats.protocols),
  };
}

/** `['HTTP/1.1', 'HTTP/2']` -> `HTTP/1.1, HTTP/2`; none (no answer yet, or an older result) -> `–`. */
export function formatProtocols(protocols: readonly string[] | undefined): string {
  return protocols && protocols.length > 0 ? protocols.join(', ') : NO_VALUE;
}

/** Live: counts and averages are cumulative, percentiles over the last 10 s, rates of the last second. */
export function statsRowFromInterval(stats: IntervalStats): StatsRow {
  return {
    method: stats.method,
    name: stats.name,
    requests: stats.total.requests,
    failures: stats.total.failures,
    medianMs: stats.total.medianMs,
    p95Ms: stats.window['95'] ?? 0,
    p99Ms: stats.window['99'] ?? 0,
    meanMs: stats.total.meanMs,
    minMs: stats.total.minMs,
    maxMs: stats.total.maxMs,
    avgBytes: stats.total.avgContentBytes,
    rps: stats.rps,
    failuresPerSec: stats.failuresPerSec,
    protocol: formatProtocols(stats.protocols),
  };
}

/**
 * A cell as text. Times are in milliseconds without the unit (the headings say so); a request
 * that has not completed once has no times, which reads `–` rather than a made-up `0`.
 */
export function statsCellText(row: StatsRow, column: StatsColumn): string {
  const value = row[column];
  if (typeof value === 'string') return value;
  switch (column) {
    case 'requests':
    case 'failures':
    case 'avgBytes':
      return formatCount(value);
    case 'rps':
    case 'failuresPerSec':
      return formatRate(value);
    default:
      return row.requests > 0 ? formatMsNumber(value) : NO_VALUE;
  }
}
