// The charts' data: one column per quantity, aligned on time (uPlot's AlignedData shape). The
// compact series a run session keeps on the host and the panel draws: numbers only, no histograms.
import type { IntervalSnapshot } from '../metrics/result';
import type { ChartSeries } from '../protocol/webview';
import { intervalRates } from './interval-rates';

export type { ChartSeries };

export function emptySeries(): ChartSeries {
  return { time: [], rps: [], failuresPerSec: [], p50: [], p95: [], p99: [], users: [], saturated: [] };
}

/** A copy whose columns can grow without changing the original's. */
export function copySeries(series: ChartSeries): ChartSeries {
  return {
    time: series.time.slice(),
    rps: series.rps.slice(),
    failuresPerSec: series.failuresPerSec.slice(),
    p50: series.p50.slice(),
    p95: series.p95.slice(),
    p99: series.p99.slice(),
    users: series.users.slice(),
    ...(series.saturated ? { saturated: series.saturated.slice() } : {}),
  };
}

/**
 * Appends the snapshot to `series` in place (amortised O(1): the owner of a long run keeps one
 * growing series instead of copying it every second). `previous` is the interval before it,
 * which tells how long this one lasted.
 */
export function pushSnapshot(series: ChartSeries, snapshot: IntervalSnapshot, previous: IntervalSnapshot | undefined): void {
  const window = snapshot.aggregate.window;
  const rates = intervalRates(snapshot, previous);
  // A series saved by an older panel has no saturation column: its earlier intervals read as not saturated.
  const saturated = (series.saturated ??= series.time.map(() => 0));
  series.time.push(snapshot.time / 1000);
  series.rps.push(rates?.rps ?? null);
  series.failuresPerSec.push(rates?.failuresPerSec ?? null);
  series.p50.push(window['50'] ?? 0);
  series.p95.push(window['95'] ?? 0);
  series.p99.push(window['99'] ?? 0);
  series.users.push(snapshot.users);
  saturated.push(snapshot.generator?.saturated ? 1 : 0);
}

/**
 * A new series with the snapshot appended (the old one is left as it was), for a pure reducer
 * whose every state is kept apart. It copies the series: an owner that appends every interval
 * uses pushSnapshot.
 */
export function appendSnapshot(series: ChartSeries, snapshot: IntervalSnapshot, previous: IntervalSnapshot | undefined): ChartSeries {
  const next = copySeries(series);
  pushSnapshot(next, snapshot, previous);
  return next;
}

export function seriesFromIntervals(intervals: readonly IntervalSnapshot[]): ChartSeries {
  const series = emptySeries();
  intervals.forEach((snapshot, index) => pushSnapshot(series, snapshot, index > 0 ? intervals[index - 1] : undefined));
  return series;
}
