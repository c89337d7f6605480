// The charts' data: one column per quantity, aligned on time (uPlot's AlignedData shape).
import type { IntervalSnapshot } from '../../src/core/metrics/result';

export interface ChartSeries {
  /** Unix seconds at the end of each interval (uPlot's time axis unit). */
  time: number[];
  rps: number[];
  failuresPerSec: number[];
  /** Percentiles over the last 10 s, as Locust's charts draw them. */
  p50: number[];
  p95: number[];
  p99: number[];
  users: number[];
}

export function emptySeries(): ChartSeries {
  return { time: [], rps: [], failuresPerSec: [], p50: [], p95: [], p99: [], users: [] };
}

/** A new series with the snapshot appended (the old one is left as it was). */
export function appendSnapshot(series: ChartSeries, snapshot: IntervalSnapshot): ChartSeries {
  const window = snapshot.aggregate.window;
  return {
    time: [...series.time, snapshot.time / 1000],
    rps: [...series.rps, snapshot.aggregate.rps],
    failuresPerSec: [...series.failuresPerSec, snapshot.aggregate.failuresPerSec],
    p50: [...series.p50, window['50'] ?? 0],
    p95: [...series.p95, window['95'] ?? 0],
    p99: [...series.p99, window['99'] ?? 0],
    users: [...series.users, snapshot.users],
  };
}

export function seriesFromIntervals(intervals: readonly IntervalSnapshot[]): ChartSeries {
  const series = emptySeries();
  for (const snapshot of intervals) {
    const window = snapshot.aggregate.window;
    series.time.push(snapshot.time / 1000);
    series.rps.push(snapshot.aggregate.rps);
    series.failuresPerSec.push(snapshot.aggregate.failuresPerSec);
    series.p50.push(window['50'] ?? 0);
    series.p95.push(window['95'] ?? 0);
    series.p99.push(window['99'] ?? 0);
    series.users.push(snapshot.users);
  }
  return series;
}
