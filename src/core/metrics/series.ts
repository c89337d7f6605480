// The statistics of one request name (or of the aggregate) over a run: cumulative histogram and
// totals, plus Locust's 10 s window (a running sum of the last intervals' histograms, kept exact
// by subtracting the interval that leaves the window).

import { createHistogram, encodeHistogram, percentileMs, percentileSet, type Histogram } from './histogram';
import type { IntervalCounts } from './partial';
import type { EndpointStats, IntervalStats } from './result';

/** Locust's history window: percentiles over the last 10 s. */
export const WINDOW_INTERVALS = 10;

export function emptyCounts(): IntervalCounts {
  return { requests: 0, failures: 0, contentBytes: 0, sumMicros: 0, minMicros: Infinity, maxMicros: 0 };
}

export function addCounts(into: IntervalCounts, from: IntervalCounts): void {
  into.requests += from.requests;
  into.failures += from.failures;
  into.contentBytes += from.contentBytes;
  into.sumMicros += from.sumMicros;
  if (from.minMicros < into.minMicros) into.minMicros = from.minMicros;
  if (from.maxMicros > into.maxMicros) into.maxMicros = from.maxMicros;
}

export class StatsSeries {
  readonly cumulative: Histogram = createHistogram();
  private readonly window: Histogram = createHistogram();
  private readonly ring: Histogram[] = [];
  readonly totals: IntervalCounts = emptyCounts();

  constructor(
    readonly method: string,
    readonly name: string,
  ) {}

  /**
   * Adds one interval. The series keeps `histogram` in its window ring (and hands back the one that
   * left the window, reset, for reuse); the caller must not change it afterwards.
   */
  addInterval(histogram: Histogram, counts: IntervalCounts, intervalMs: number): { stats: IntervalStats; recycled?: Histogram } {
    this.cumulative.add(histogram);
    this.window.add(histogram);
    this.ring.push(histogram);
    let recycled: Histogram | undefined;
    if (this.ring.length > WINDOW_INTERVALS) {
      recycled = this.ring.shift();
      if (recycled) {
        this.window.subtract(recycled);
        recycled.reset();
      }
    }
    addCounts(this.totals, counts);
    const seconds = intervalMs / 1000;
    const stats: IntervalStats = {
      method: this.method,
      name: this.name,
      requests: counts.requests,
      failures: counts.failures,
      rps: seconds > 0 ? counts.requests / seconds : 0,
      failuresPerSec: seconds > 0 ? counts.failures / seconds : 0,
      window: percentileSet(this.window),
      total: {
        requests: this.totals.requests,
        failures: this.totals.failures,
        medianMs: percentileMs(this.cumulative, 50),
        meanMs: this.meanMs(),
        minMs: this.minMs(),
        maxMs: this.totals.maxMicros / 1000,
        avgContentBytes: this.totals.requests > 0 ? this.totals.contentBytes / this.totals.requests : 0,
      },
    };
    return { stats, recycled };
  }

  /** Histograms this series holds (cumulative, window and its ring): bounded, whatever the run's length. */
  get histogramsHeld(): number {
    return 2 + this.ring.length;
  }

  private meanMs(): number {
    const samples = this.cumulative.totalCount;
    return samples > 0 ? this.totals.sumMicros / samples / 1000 : 0;
  }

  private minMs(): number {
    return Number.isFinite(this.totals.minMicros) ? this.totals.minMicros / 1000 : 0;
  }

  /** Cumulative statistics over a run of `durationMs` (the encoded histogram only when asked). */
  summarize(durationMs: number, withHistogram = true): EndpointStats {
    const seconds = durationMs / 1000;
    return {
      method: this.method,
      name: this.name,
      requests: this.totals.requests,
      failures: this.totals.failures,
      minMs: this.minMs(),
      maxMs: this.totals.maxMicros / 1000,
      meanMs: this.meanMs(),
      medianMs: percentileMs(this.cumulative, 50),
      contentBytes: this.totals.contentBytes,
      rps: seconds > 0 ? this.totals.requests / seconds : 0,
      failuresPerSec: seconds > 0 ? this.totals.failures / seconds : 0,
      percentiles: percentileSet(this.cumulative),
      histogram: withHistogram ? encodeHistogram(this.cumulative) : '',
    };
  }
}
