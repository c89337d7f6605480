// What `--out prometheus=URL` and `--out otlp=URL` stream each second (docs/cli.md):
// counters `loadlens_requests_total` and `loadlens_failures_total`, gauges `loadlens_users`,
// `loadlens_rps` (the last interval) and `loadlens_response_time_seconds` with `quantile` 0.5,
// 0.95 and 0.99 over the last 10 s; labels `scenario`, `name`, `method`. One row per request name
// and one for the aggregate (`name="Aggregated"`, Locust's name; sum over names without it).
import type { IntervalSnapshot, IntervalStats, RunResult } from './result';

export const LIVE_METRICS = {
  requests: 'loadlens_requests_total',
  failures: 'loadlens_failures_total',
  users: 'loadlens_users',
  rps: 'loadlens_rps',
  responseTime: 'loadlens_response_time_seconds',
} as const;

export const AGGREGATE_NAME = 'Aggregated';
const QUANTILES = [
  ['0.5', '50'],
  ['0.95', '95'],
  ['0.99', '99'],
] as const;

export interface LiveSample {
  metric: (typeof LIVE_METRICS)[keyof typeof LIVE_METRICS];
  labels: Record<string, string>;
  value: number;
}

/** The samples of one moment; `timeMs` is Unix ms. */
export interface LiveBatch {
  timeMs: number;
  samples: LiveSample[];
}

function rowSamples(row: IntervalStats, scenario: string, isAggregate: boolean): LiveSample[] {
  const labels = { scenario, name: isAggregate ? AGGREGATE_NAME : row.name, method: row.method };
  const samples: LiveSample[] = [
    { metric: LIVE_METRICS.requests, labels, value: row.total.requests },
    { metric: LIVE_METRICS.failures, labels, value: row.total.failures },
    { metric: LIVE_METRICS.rps, labels, value: row.rps },
  ];
  // A window with no request has no latency to report (its percentiles read 0).
  const windowHasRequests = Object.values(row.window).some((value) => value > 0);
  if (windowHasRequests) {
    for (const [quantile, key] of QUANTILES) {
      const ms = row.window[key];
      if (ms !== undefined) samples.push({ metric: LIVE_METRICS.responseTime, labels: { ...labels, quantile }, value: ms / 1000 });
    }
  }
  return samples;
}

/** One interval's samples: the aggregate, each request name, and the running users. */
export function intervalBatch(snapshot: IntervalSnapshot, scenario: string): LiveBatch {
  return {
    timeMs: snapshot.time,
    samples: [
      { metric: LIVE_METRICS.users, labels: { scenario }, value: snapshot.users },
      ...rowSamples(snapshot.aggregate, scenario, true),
      ...snapshot.endpoints.flatMap((row) => rowSamples(row, scenario, false)),
    ],
  };
}

/**
 * The run's final counters, from its result: requests that completed after the last interval
 * still count, so a dashboard's total matches the report's. `afterMs`: the time of the last
 * batch sent, which this one must follow (a series takes its samples in time order).
 */
export function finalBatch(result: RunResult, scenario: string, afterMs: number): LiveBatch {
  const counters = (stats: { requests: number; failures: number; method: string }, name: string): LiveSample[] => {
    const labels = { scenario, name, method: stats.method };
    return [
      { metric: LIVE_METRICS.requests, labels, value: stats.requests },
      { metric: LIVE_METRICS.failures, labels, value: stats.failures },
    ];
  };
  return {
    timeMs: Math.max(result.endTime, afterMs + 1),
    samples: [
      { metric: LIVE_METRICS.users, labels: { scenario }, value: 0 },
      ...counters(result.aggregate, AGGREGATE_NAME),
      ...result.endpoints.flatMap((stats) => counters(stats, stats.name)),
    ],
  };
}
