// The charts' data: one column per quantity, aligned on time (uPlot's AlignedData shape). The
// compact series a run session keeps on the host and the panel draws: numbers only, no histograms.
import type { IntervalSnapshot } from '../metrics/result';
import type { ChartSeries } from '../protocol/webview';
import { intervalRates } from './interval-rates';

export type { ChartSeries };

export function emptySeries(): ChartSeries {
  return { time: [], rps: [], failuresPerSec: [], p50: [], p95: [], p99: [], users: [], saturated: [] };
}

/**
 * A new series with the snapshot appended (the old one is left as it was). `previous` is the
 * interval before it, which tells how long this one lasted.
 */
export function appendSnapshot(series: ChartSeries, snapshot: IntervalSnapshot, previous: IntervalSnapshot | undefined): ChartSeries {
  const window = snapshot.aggregate.window;
  const rates = intervalRates(snapshot, previous);
  return {
    time: [...series.time, snapshot.time / 1000],
    rps: [...series.rps, rates?.rps ?? null],
    failuresPerSec: [...series.failuresPerSec, rates?.failuresPerSec ?? null],
    p50: [...series.p50, window['50'] ?? 0],
    p95: [...series.p95, window['95'] ?? 0],
    p99: [...series.p99, window['99'] ?? 0],
    users: [...series.users, snapshot.users],
    saturated: [...(series.saturated ?? series.time.map(() => 0)), snapshot.generator?.saturated ? 1 : 0],
  };
}

export function seriesFromIntervals(intervals: readonly IntervalSnapshot[]): ChartSeries {
  const series = emptySeries();
  intervals.forEach((snapshot, index) => {
    const window = snapshot.aggregate.window;
    const rates = intervalRates(snapshot, index > 0 ? intervals[index - 1] : undefined);
    series.time.push(snapshot.time / 1000);
    series.rps.push(rates?.rps ?? null);
    series.failuresPerSec.push(rates?.failuresPerSec ?? null);
    series.p50.push(window['50'] ?? 0);
    series.p95.push(window['95'] ?? 0);
    series.p99.push(window['99'] ?? 0);
    series.users.push(snapshot.users);
    series.saturated?.push(snapshot.generator?.saturated ? 1 : 0);
  });
  return series;
}
