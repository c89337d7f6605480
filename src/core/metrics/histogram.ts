// Latency histograms: HDR histograms of microseconds, all of one precision (1 µs resolution, 3
// significant digits, at most 1 h) so that adding one to another is exact: a bucket index means
// the same value range in every histogram, whatever its length. They cross threads and
// processes as hdr-histogram-js compressed base64.
//
// A histogram starts with the smallest counts array (2,048 buckets: 1 µs .. 2 ms, 8 KB) and grows
// to cover the largest value recorded into it (`autoResize`): a name whose latencies stay under
// 100 ms holds 33 KB per histogram instead of the 94 KB that the whole hour takes.
// docs/performance-memory.md has the measurements.

import * as hdr from 'hdr-histogram-js';
import { PERCENTILES, type PercentileSet } from './result';

export type Histogram = hdr.Histogram;

/** The largest latency kept (1 hour, in µs); anything longer is recorded as 1 hour. */
export const HIGHEST_TRACKABLE_US = 3_600_000_000;

/** An empty latency histogram of the shared precision, as small as it can be; it grows as values come. */
export function createHistogram(): Histogram {
  return hdr.build({
    bitBucketSize: 32,
    autoResize: true,
    lowestDiscernibleValue: 1,
    highestTrackableValue: 2,
    numberOfSignificantValueDigits: 3,
  });
}

/** A latency in µs as histograms keep it: rounded, at least 1, at most an hour. */
export function boundedMicros(micros: number): number {
  return micros < 1 ? 1 : micros > HIGHEST_TRACKABLE_US ? HIGHEST_TRACKABLE_US : Math.round(micros);
}

/** Records a latency in µs (rounded, at least 1, at most an hour). */
export function recordMicros(histogram: Histogram, micros: number): void {
  recordBounded(histogram, boundedMicros(micros));
}

/** The steps of hdr-histogram-js's own recordValue that recordBounded takes (its JS histogram has them; its typings show none). */
interface CountsSteps {
  countsArrayLength: number;
  subBucketHalfCountMagnitude: number;
  unitMagnitude: number;
  incrementCountAtIndex(index: number): void;
  updateMinAndMax(value: number): void;
  incrementTotalCount(): void;
}

/** Sub-buckets per half bucket of the shared precision, as a power of two: 3 significant digits = 2^10. */
const HALF_BUCKET_MAGNITUDE = 10;
/** Whether the library's histograms have the counting steps recordBounded takes (checked on first use). */
let hasSteps: boolean | undefined;

/**
 * Records a latency already bounded (boundedMicros: an integer from 1 to HIGHEST_TRACKABLE_US) into
 * a histogram of the shared precision. The worker records one value per request; the library's
 * recordValue finds the bucket with Math.log2 and two Math.pow: 87-115 ns a value on this
 * project's machine, against 12-20 ns for recordMicros with the index from integer operations
 * (bench/histogram-record.mjs; docs/performance-engine.md, "Histogram index"). The index is the
 * library's: bucket b = max(0, 21 - clz32(v)), index = b * 1024 + (v >>> b);
 * test/unit/metrics/histogram.test.ts checks it against recordValue over the whole range, and that
 * it is taken. A value past the histogram's current length, and a histogram of another layout (or
 * a library without these steps), go through recordValue, which grows it as needed.
 */
export function recordBounded(histogram: Histogram, value: number): void {
  const steps = histogram as unknown as CountsSteps;
  hasSteps ??= typeof steps.incrementCountAtIndex === 'function' && typeof steps.updateMinAndMax === 'function' && typeof steps.incrementTotalCount === 'function';
  const shift = value < 2 << HALF_BUCKET_MAGNITUDE ? 0 : 31 - HALF_BUCKET_MAGNITUDE - Math.clz32(value);
  const index = (shift << HALF_BUCKET_MAGNITUDE) + (value >>> shift);
  if (!hasSteps || steps.subBucketHalfCountMagnitude !== HALF_BUCKET_MAGNITUDE || steps.unitMagnitude !== 0 || index >= steps.countsArrayLength) {
    histogram.recordValue(value);
    return;
  }
  steps.incrementCountAtIndex(index);
  steps.updateMinAndMax(value);
  steps.incrementTotalCount();
}

/**
 * Compressed base64; an empty histogram is the empty string (most intervals of most names).
 * The header's highest trackable value is written as the top of the largest sample's bucket, whatever the
 * histogram's length: the same samples give the same text however the histogram grew (one grown
 * by samples and one by adding others differ only there), and a decoder builds the smallest
 * histogram that holds them instead of one covering the whole hour.
 */
export function encodeHistogram(histogram: Histogram): string {
  if (histogram.totalCount === 0) return '';
  // hdr-histogram-js's JS histogram (what createHistogram builds) has both; its typings show neither.
  const header = histogram as unknown as { highestTrackableValue: number; highestEquivalentValue(value: number): number };
  const covered = header.highestTrackableValue;
  header.highestTrackableValue = Math.max(2, header.highestEquivalentValue(histogram.maxValue));
  try {
    return hdr.encodeIntoCompressedBase64(histogram);
  } finally {
    header.highestTrackableValue = covered;
  }
}

/** The inverse of encodeHistogram, as a histogram of the shared shape. */
export function decodeHistogram(encoded: string): Histogram {
  const histogram = createHistogram();
  if (encoded !== '') histogram.add(hdr.decodeFromCompressedBase64(encoded, 32));
  return histogram;
}

/** A histogram's bucket layout: two with the same one give a bucket index the same value range. */
interface BucketLayout {
  subBucketCount: number;
  unitMagnitude: number;
}

/** The shared precision's layout, made on first use (nothing runs when the module loads). */
let sharedLayout: BucketLayout | undefined;

/**
 * An encoded (non-empty) histogram, the size its samples need: to add to others, or subtract, bucket
 * index by bucket index (sparse-histogram.ts does). The text comes from outside the engine too (a
 * shard's messages to `coordinate`, a result file given to `loadlens merge`) and may have been
 * written at another precision or lowest value, where an index means another value range. Such a
 * histogram is recorded again by value into one of the shared precision (hdr-histogram-js's `add`
 * does that for another layout), as the aggregate row's dense histogram already takes it, so the
 * per-name rows and thresholds agree with the aggregate. Refusing it instead would need every
 * reader of untrusted partials to decode each histogram while validating, and would still turn away
 * a histogram whose samples are well defined.
 */
export function decodeSamples(encoded: string): Histogram {
  const decoded = hdr.decodeFromCompressedBase64(encoded, 32);
  const layout = decoded as unknown as BucketLayout;
  const shared = (sharedLayout ??= createHistogram() as unknown as BucketLayout);
  if (layout.subBucketCount === shared.subBucketCount && layout.unitMagnitude === shared.unitMagnitude) return decoded;
  const recorded = createHistogram();
  recorded.add(decoded);
  return recorded;
}

/** Adds an encoded histogram into `target` (exact: counts are summed bucket by bucket). */
export function addEncoded(target: Histogram, encoded: string): void {
  if (encoded !== '') target.add(decodeSamples(encoded));
}

/** One encoded histogram holding every sample of the given ones. */
export function mergeEncodedHistograms(encoded: readonly string[]): string {
  const merged = createHistogram();
  for (const one of encoded) addEncoded(merged, one);
  return encodeHistogram(merged);
}

/** Locust's percentiles in ms (0 for an empty or absent histogram). */
export function percentileSet(histogram: Histogram | undefined): PercentileSet {
  const set: PercentileSet = {};
  const empty = !histogram || histogram.totalCount === 0;
  for (const percentile of PERCENTILES) {
    set[String(percentile)] = empty ? 0 : histogram.getValueAtPercentile(percentile) / 1000;
  }
  return set;
}

/** One percentile in ms (0 when empty). */
export function percentileMs(histogram: Histogram, percentile: number): number {
  return histogram.totalCount === 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000;
}
