// Is a change between two runs larger than their noise? Decided from the runs' own data:
// percentiles by a bootstrap over the two HDR histograms, error rates by a two-proportion test,
// throughput by Welch's test over the per-second rates. docs/compare.md explains the choices
// and the false-alarm rate measured on identical runs.
import * as hdr from 'hdr-histogram-js';
import { readHistogram } from '../analysis/histogram';
import type { Random } from '../schedule/random';
import { beta } from './random-variates';

/** A histogram as sorted (value, count) buckets with running totals, for inverse-CDF lookups. */
export interface Buckets {
  /** Bucket values in ms, ascending (HDR's highest equivalent value of each bucket). */
  valuesMs: number[];
  /** cumulative[i] = samples in buckets 0..i. */
  cumulative: number[];
  total: number;
}

export function histogramBuckets(encoded: string): Buckets | undefined {
  const histogram = readHistogram(encoded);
  if (!histogram || histogram.totalCount === 0 || !(histogram instanceof hdr.JsHistogram)) return undefined;
  const valuesMs: number[] = [];
  const cumulative: number[] = [];
  let total = 0;
  const iterator = histogram.recordedValuesIterator;
  iterator.reset();
  while (iterator.hasNext()) {
    const step = iterator.next();
    total += step.countAtValueIteratedTo;
    valuesMs.push(step.valueIteratedTo / 1000);
    cumulative.push(total);
  }
  return { valuesMs, cumulative, total };
}

/** The smallest bucket value whose share of samples reaches `fraction` (0..1]. */
function valueAtFraction(buckets: Buckets, fraction: number): number {
  const rank = Math.max(1, Math.ceil(fraction * buckets.total));
  let low = 0;
  let high = buckets.cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((buckets.cumulative[middle] ?? 0) >= rank) high = middle;
    else low = middle + 1;
  }
  return buckets.valuesMs[low] ?? 0;
}

/**
 * One bootstrap replicate of the `percentile` of `buckets`: the percentile of n draws with
 * replacement from the histogram, without drawing them. The k-th smallest of n draws from a
 * distribution F is F⁻¹ of the k-th smallest of n uniforms, which is Beta(k, n + 1 - k)
 * distributed; so one beta deviate and one binary search give the replicate exactly, whatever n.
 */
function replicatePercentile(buckets: Buckets, percentile: number, random: Random): number {
  const n = buckets.total;
  const k = Math.min(n, Math.max(1, Math.ceil((percentile / 100) * n)));
  return valueAtFraction(buckets, beta(random, k, n + 1 - k));
}

export interface ShiftTest {
  /** The interval of the relative change new/base - 1 (0.1 = 10% more) at the test's confidence. */
  low: number;
  high: number;
  /** The interval excludes 0 and the change is at least the minimum change. */
  significant: boolean;
}

export interface BootstrapOptions {
  random: Random;
  /**
   * How much wider than independent samples each run's noise is (the design effect of
   * ./design-effect.ts, >= 1): each replicate's distance from the observed percentile is scaled
   * by its square root. Default 1 for both.
   */
  inflation?: { base: number; next: number };
  /** Bootstrap replicates (default 2000). */
  replicates?: number;
  /** Two-sided confidence of the interval (default 0.99). */
  confidence?: number;
  /** Changes smaller than this relative amount are never called significant (default 0.05). */
  minimumChange?: number;
}

export const DEFAULT_REPLICATES = 2000;
export const DEFAULT_CONFIDENCE = 0.99;
export const DEFAULT_MINIMUM_CHANGE = 0.05;

/**
 * The percentile bootstrap interval of the relative change of one percentile between two runs.
 * Run-to-run noise in a load test is more than sampling noise (the machine, the network, caches
 * warming), so a change must also reach `minimumChange` to count: the measured false-alarm rate
 * on identical runs (docs/compare.md) is what that floor was set from.
 */
export function percentileShift(base: Buckets, next: Buckets, percentile: number, options: BootstrapOptions): ShiftTest {
  const replicates = options.replicates ?? DEFAULT_REPLICATES;
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  const minimumChange = options.minimumChange ?? DEFAULT_MINIMUM_CHANGE;
  const observedBase = valueAtFraction(base, percentile / 100);
  const observedNext = valueAtFraction(next, percentile / 100);
  const widenBase = Math.sqrt(Math.max(1, options.inflation?.base ?? 1));
  const widenNext = Math.sqrt(Math.max(1, options.inflation?.next ?? 1));
  const ratios: number[] = [];
  for (let i = 0; i < replicates; i++) {
    const before = observedBase + widenBase * (replicatePercentile(base, percentile, options.random) - observedBase);
    const after = observedNext + widenNext * (replicatePercentile(next, percentile, options.random) - observedNext);
    ratios.push(before > 0 ? after / before - 1 : 0);
  }
  ratios.sort((a, b) => a - b);
  const tail = (1 - confidence) / 2;
  const low = ratios[Math.floor(tail * (replicates - 1))] ?? 0;
  const high = ratios[Math.ceil((1 - tail) * (replicates - 1))] ?? 0;
  const observed = observedNext / Math.max(Number.MIN_VALUE, observedBase) - 1;
  const significant = (low > 0 || high < 0) && Math.abs(observed) >= minimumChange;
  return { low, high, significant };
}

/** The standard normal quantile for a two-sided confidence (0.95 -> 1.96, 0.99 -> 2.576). */
export function normalQuantile(p: number): number {
  // Acklam's rational approximation of the inverse normal CDF (relative error < 1.2e-9).
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628274631];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  const lowTail = 0.02425;
  if (p < lowTail) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  if (p > 1 - lowTail) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}

/**
 * Did the share of failed requests change? A two-proportion z-test (pooled), two-sided at
 * `confidence`. Identical counts, or no failure on either side, is no change.
 */
export function failureRateShift(base: { requests: number; failures: number }, next: { requests: number; failures: number }, confidence = DEFAULT_CONFIDENCE): boolean {
  if (base.requests === 0 || next.requests === 0) return false;
  const pooled = (base.failures + next.failures) / (base.requests + next.requests);
  if (pooled === 0 || pooled === 1) return false;
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / base.requests + 1 / next.requests));
  const z = (next.failures / next.requests - base.failures / base.requests) / se;
  return Math.abs(z) > normalQuantile(1 - (1 - confidence) / 2);
}

function meanAndVariance(values: readonly number[]): { mean: number; variance: number } {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const variance = values.reduce((sum, v) => sum + (v - mean) * (v - mean), 0) / Math.max(1, values.length - 1);
  return { mean, variance };
}

/**
 * Did the throughput change? Welch's t-test on the per-second rates of the two runs (the
 * Cornish-Fisher expansion gives Student's quantile from the normal one), plus the same minimum
 * change as percentiles. Fewer than 3 seconds on a side cannot be judged: undefined.
 */
export function rateShift(base: readonly number[], next: readonly number[], confidence = DEFAULT_CONFIDENCE, minimumChange = DEFAULT_MINIMUM_CHANGE): boolean | undefined {
  if (base.length < 3 || next.length < 3) return undefined;
  const a = meanAndVariance(base);
  const b = meanAndVariance(next);
  const relative = a.mean > 0 ? Math.abs(b.mean / a.mean - 1) : b.mean > 0 ? Infinity : 0;
  const va = a.variance / base.length;
  const vb = b.variance / next.length;
  const se = Math.sqrt(va + vb);
  if (se === 0) return a.mean !== b.mean && relative >= minimumChange;
  const t = (b.mean - a.mean) / se;
  const df = (va + vb) ** 2 / ((va * va) / (base.length - 1) + (vb * vb) / (next.length - 1));
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const critical = z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
  return Math.abs(t) > critical && relative >= minimumChange;
}
