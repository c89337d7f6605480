// The statistics of one request name (or of the aggregate) over a run: cumulative histogram and
// totals, plus Locust's 10 s window (a running sum of the last intervals' histograms, kept exact
// by subtracting the interval that leaves the window).
//
// The window's intervals are kept encoded (as the workers sent them: tens of bytes for a name with
// a few samples a second) and decoded again when they leave, instead of as ten histograms of
// 8-95 KB each per name: with thousands of names that ring was most of the engine's memory.
// The cumulative histogram and the window are sparse (sparse-histogram.ts): 10 bytes per bucket
// holding samples, instead of a dense histogram as wide as the name's slowest response.

import { decodeSamples, percentileSet, type Histogram } from './histogram';
import { SparseHistogram } from './sparse-histogram';
import type { IntervalCounts } from './partial';
import type { EndpointStats, IntervalStats, PercentileSet } from './result';

/** One part of an interval's samples: as sent (kept for the window) and decoded (added now). */
export interface IntervalSamples {
  encoded: string;
  histogram: Histogram;
}

const NO_SAMPLES: readonly string[] = [];
/**
 * The window's percentiles while it holds no samples, shared by every such name: a percentile set
 * costs about 1.3 KB (its keys '50' .. '100' are array indexes, stored as sparse elements).
 * Made on first use, not at import.
 */
let sharedNoPercentiles: PercentileSet | undefined;
function noPercentiles(): PercentileSet {
  return (sharedNoPercentiles ??= Object.freeze(percentileSet(undefined)));
}

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
  /** Every sample of the run; made on the first sample (a name never requested holds none). */
  private cumulative: SparseHistogram | undefined;
  /** The sum of the ring's histograms; let go when the last samples leave it. */
  private window: SparseHistogram | undefined;
  /** The window's intervals, oldest first: each interval's encoded parts (none without samples). */
  private readonly ring: Array<readonly string[]> = [];
  /**
   * Percentiles change only when samples enter or leave: an idle name reuses the last ones
   * instead of walking its histograms again each second (with 20,000 names that walk, not the
   * requests, was what made a run overrun its time).
   */
  private windowPercentiles: PercentileSet = noPercentiles();
  private medianMs = 0;
  readonly totals: IntervalCounts = emptyCounts();

  constructor(
    readonly method: string,
    readonly name: string,
  ) {}

  /** Adds one interval: its samples (none for an idle interval) and its counts. */
  addInterval(samples: readonly IntervalSamples[], counts: IntervalCounts, intervalMs: number): IntervalStats {
    for (const { histogram } of samples) {
      (this.cumulative ??= new SparseHistogram()).add(histogram);
      (this.window ??= new SparseHistogram()).add(histogram);
    }
    if (samples.length > 0 && this.cumulative) this.medianMs = this.cumulative.percentileMs(50);
    this.ring.push(samples.length === 0 ? NO_SAMPLES : samples.map((part) => part.encoded));
    const leaving = this.ring.length > WINDOW_INTERVALS ? (this.ring.shift() ?? []) : [];
    for (const encoded of leaving) this.window?.subtract(decodeSamples(encoded));
    if (this.window?.totalCount === 0) this.window = undefined;
    if (samples.length > 0 || leaving.length > 0) this.windowPercentiles = this.window ? this.window.percentileSet() : noPercentiles();
    addCounts(this.totals, counts);
    const seconds = intervalMs / 1000;
    const stats: IntervalStats = {
      method: this.method,
      name: this.name,
      requests: counts.requests,
      failures: counts.failures,
      rps: seconds > 0 ? counts.requests / seconds : 0,
      failuresPerSec: seconds > 0 ? counts.failures / seconds : 0,
      window: this.windowPercentiles,
      total: {
        requests: this.totals.requests,
        failures: this.totals.failures,
        medianMs: this.medianMs,
        meanMs: this.meanMs(),
        minMs: this.minMs(),
        maxMs: this.totals.maxMicros / 1000,
        avgContentBytes: this.totals.requests > 0 ? this.totals.contentBytes / this.totals.requests : 0,
      },
    };
    return stats;
  }

  /** Histograms this series holds (cumulative and window; the ring holds text): bounded, whatever the run's length. */
  get histogramsHeld(): number {
    return (this.cumulative ? 1 : 0) + (this.window ? 1 : 0);
  }

  private meanMs(): number {
    const samples = this.cumulative?.totalCount ?? 0;
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
      medianMs: this.medianMs,
      contentBytes: this.totals.contentBytes,
      rps: seconds > 0 ? this.totals.requests / seconds : 0,
      failuresPerSec: seconds > 0 ? this.totals.failures / seconds : 0,
      percentiles: this.cumulative ? this.cumulative.percentileSet() : percentileSet(undefined),
      histogram: withHistogram && this.cumulative ? this.cumulative.encode() : '',
    };
  }
}
