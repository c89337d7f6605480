// Reading the results' HDR histograms (microseconds, compressed base64; written by src/core/metrics):
// a percentile Locust does not report (p97, p99.5), and the response-time distribution.
import * as hdr from 'hdr-histogram-js';
import { decodeHistogram, percentileMs, type Histogram } from '../metrics/histogram';

/** The decoded histogram, or undefined for an empty string or text that is not a histogram. */
export function readHistogram(encoded: string): Histogram | undefined {
  if (encoded === '') return undefined;
  try {
    return decodeHistogram(encoded);
  } catch {
    // A result file edited by hand, or cut short: judge without the histogram rather than fail.
    return undefined;
  }
}

/** The value in ms below which `percentile` % of the samples fall; undefined without samples. */
export function histogramPercentileMs(encoded: string, percentile: number): number | undefined {
  const histogram = readHistogram(encoded);
  if (!histogram || histogram.totalCount === 0) return undefined;
  return percentileMs(histogram, percentile);
}

export interface DistributionBucket {
  /** Lower bound, ms (inclusive). */
  fromMs: number;
  /** Upper bound, ms (exclusive). */
  toMs: number;
  count: number;
}

/**
 * The distribution in `bucketCount` buckets of equal width on a log scale, from the smallest to
 * the largest recorded value: response times spread over orders of magnitude, and a linear scale
 * would squeeze the fast majority into one bar. Empty when there are no samples.
 */
export function histogramDistribution(encoded: string, bucketCount: number): DistributionBucket[] {
  const histogram = readHistogram(encoded);
  // The JS implementation (what decodeHistogram builds) is the one with a recorded-values iterator.
  if (!histogram || histogram.totalCount === 0 || !(histogram instanceof hdr.JsHistogram)) return [];
  const samples: Array<{ us: number; count: number }> = [];
  const iterator = histogram.recordedValuesIterator;
  iterator.reset();
  while (iterator.hasNext()) {
    const step = iterator.next();
    samples.push({ us: step.valueIteratedTo, count: step.countAtValueIteratedTo });
  }
  const lowUs = Math.max(1, samples[0]?.us ?? 1);
  const highUs = Math.max(lowUs + 1, samples[samples.length - 1]?.us ?? lowUs + 1);
  const logLow = Math.log(lowUs);
  const step = (Math.log(highUs) - logLow) / bucketCount;
  const buckets: DistributionBucket[] = [];
  for (let i = 0; i < bucketCount; i++) {
    buckets.push({ fromMs: Math.exp(logLow + i * step) / 1000, toMs: Math.exp(logLow + (i + 1) * step) / 1000, count: 0 });
  }
  for (const sample of samples) {
    const index = Math.min(bucketCount - 1, Math.max(0, Math.floor((Math.log(Math.max(1, sample.us)) - logLow) / step)));
    const bucket = buckets[index];
    if (bucket) bucket.count += sample.count;
  }
  return buckets;
}
