// Latency histograms: HDR histograms of microseconds, all of one shape (1 µs .. 1 h, 3 significant
// digits) so that adding one to another is a straight sum of their count arrays, which is exact and
// fast. They cross threads and processes as hdr-histogram-js compressed base64.

import * as hdr from 'hdr-histogram-js';
import { PERCENTILES, type PercentileSet } from './result';

export type Histogram = hdr.Histogram;

/** The largest latency kept (1 hour, in µs); anything longer is recorded as 1 hour. */
export const HIGHEST_TRACKABLE_US = 3_600_000_000;

/** An empty latency histogram of the shared shape. */
export function createHistogram(): Histogram {
  return hdr.build({
    bitBucketSize: 32,
    autoResize: false,
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_TRACKABLE_US,
    numberOfSignificantValueDigits: 3,
  });
}

/** Records a latency in µs (rounded, at least 1, at most an hour). */
export function recordMicros(histogram: Histogram, micros: number): void {
  const value = micros < 1 ? 1 : micros > HIGHEST_TRACKABLE_US ? HIGHEST_TRACKABLE_US : Math.round(micros);
  histogram.recordValue(value);
}

/** Compressed base64; an empty histogram is the empty string (most intervals of most names). */
export function encodeHistogram(histogram: Histogram): string {
  return histogram.totalCount === 0 ? '' : hdr.encodeIntoCompressedBase64(histogram);
}

/** The inverse of encodeHistogram, as a histogram of the shared shape. */
export function decodeHistogram(encoded: string): Histogram {
  const histogram = createHistogram();
  if (encoded !== '') histogram.add(hdr.decodeFromCompressedBase64(encoded, 32));
  return histogram;
}

/** Adds an encoded histogram into `target` (exact: counts are summed bucket by bucket). */
export function addEncoded(target: Histogram, encoded: string): void {
  if (encoded !== '') target.add(hdr.decodeFromCompressedBase64(encoded, 32));
}

/** One encoded histogram holding every sample of the given ones. */
export function mergeEncodedHistograms(encoded: readonly string[]): string {
  const merged = createHistogram();
  for (const one of encoded) addEncoded(merged, one);
  return encodeHistogram(merged);
}

/** Locust's percentiles in ms (0 for an empty histogram). */
export function percentileSet(histogram: Histogram): PercentileSet {
  const set: PercentileSet = {};
  const empty = histogram.totalCount === 0;
  for (const percentile of PERCENTILES) {
    set[String(percentile)] = empty ? 0 : histogram.getValueAtPercentile(percentile) / 1000;
  }
  return set;
}

/** One percentile in ms (0 when empty). */
export function percentileMs(histogram: Histogram, percentile: number): number {
  return histogram.totalCount === 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000;
}
