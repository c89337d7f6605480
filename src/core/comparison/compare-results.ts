// Two runs side by side (`loadlens compare`, `run --baseline`): per request name and for the
// aggregate, base / new / change of count, RPS, median, p95, p99, max and error rate, each change
// judged against the noise of the two runs (./significance.ts).
import type { EndpointStats, IntervalSnapshot, RunResult } from '../metrics/result';
import { createRandom } from '../schedule/random';
import { errorPercent } from '../analysis/measure';
import { designEffect } from './design-effect';
import {
  DEFAULT_CONFIDENCE,
  DEFAULT_REPLICATES,
  failureRateShift,
  histogramBuckets,
  percentileShift,
  rateShift,
} from './significance';

export const COMPARED_METRICS = ['requests', 'rps', 'median', 'p95', 'p99', 'max', 'errors'] as const;
export type ComparedMetric = (typeof COMPARED_METRICS)[number];

export interface MetricChange {
  metric: ComparedMetric;
  /** In the metric's unit: a count, req/s, ms, or % of requests for `errors`. Undefined when not measured. */
  base?: number;
  next?: number;
  /** next - base (percentage points for `errors`). */
  change?: number;
  /** next / base - 1; undefined when base is 0 or a side is missing. */
  relative?: number;
  /** true: larger than the noise; false: within it; undefined: not tested (count, max, too little data). */
  significant?: boolean;
  /** For a significant change: whether it is a regression (slower, fewer req/s, more errors). */
  verdict?: 'worse' | 'better';
}

export interface RowComparison {
  method: string;
  name: string;
  /** A request name that only one of the runs has. */
  onlyIn?: 'base' | 'new';
  metrics: MetricChange[];
}

export interface RunSide {
  path: string;
  hash: string;
  startTime: number;
}

export interface Comparison {
  base: RunSide;
  next: RunSide;
  sameScenario: boolean;
  rows: RowComparison[];
  aggregate: RowComparison;
  /** How significance was decided, in words, for the reports. */
  method: string;
}

export interface CompareOptions {
  /** Seed of the bootstrap; the same seed gives the same verdicts. */
  seed?: number;
  replicates?: number;
  confidence?: number;
  /** The smallest relative change that may be called significant, for every metric (default: per metric, below). */
  minimumChange?: number;
}

export const DEFAULT_COMPARE_SEED = 1;

/**
 * The smallest change called significant by default, per metric: run-to-run noise that the runs'
 * own data cannot show (the machine, other processes) grows towards the tail. Set from the false
 * alarms measured on identical runs with bench/compare-noise.mjs (docs/compare.md).
 */
export const DEFAULT_MINIMUM_CHANGES: Record<'median' | 'p95' | 'p99' | 'rps', number> = { median: 0.05, p95: 0.15, p99: 0.3, rps: 0.1 };

interface Settings {
  seed: number;
  replicates: number;
  confidence: number;
  floor(metric: 'median' | 'p95' | 'p99' | 'rps'): number;
  /** The override, for the description. */
  minimumChange?: number;
}

const PERCENTILE_OF: Partial<Record<ComparedMetric, number>> = { median: 50, p95: 95, p99: 99 };
/** Higher is better only for throughput; for every other metric a rise is a regression. */
const HIGHER_IS_BETTER: Partial<Record<ComparedMetric, boolean>> = { rps: true, requests: true };

function value(metric: ComparedMetric, stats: EndpointStats): number | undefined {
  switch (metric) {
    case 'requests':
      return stats.requests;
    case 'rps':
      return stats.rps;
    case 'errors':
      return errorPercent(stats);
    case 'max':
      return stats.requests === 0 ? undefined : stats.maxMs;
    default: {
      const percentile = PERCENTILE_OF[metric] as number;
      if (stats.requests === 0) return undefined;
      return percentile === 50 ? stats.medianMs : stats.percentiles[String(percentile)];
    }
  }
}

/** The per-second rates of one name (or the aggregate), without the first and last, partial, seconds. */
function perSecondRates(intervals: readonly IntervalSnapshot[], name: string | undefined): number[] {
  const rates = intervals.flatMap((interval) => {
    if (name === undefined) return [interval.aggregate.rps];
    const row = interval.endpoints.find((e) => e.name === name);
    return row ? [row.rps] : [];
  });
  return rates.slice(1, -1);
}

interface Side {
  stats?: EndpointStats;
  intervals: readonly IntervalSnapshot[];
}

function compareRow(method: string, name: string, base: Side, next: Side, isAggregate: boolean, options: Settings): RowComparison {
  const row: RowComparison = { method, name, metrics: [] };
  if (!base.stats) row.onlyIn = 'new';
  if (!next.stats) row.onlyIn = 'base';
  const baseBuckets = base.stats ? histogramBuckets(base.stats.histogram) : undefined;
  const nextBuckets = next.stats ? histogramBuckets(next.stats.histogram) : undefined;
  for (const metric of COMPARED_METRICS) {
    const change: MetricChange = { metric };
    const before = base.stats ? value(metric, base.stats) : undefined;
    const after = next.stats ? value(metric, next.stats) : undefined;
    if (before !== undefined) change.base = before;
    if (after !== undefined) change.next = after;
    if (before !== undefined && after !== undefined) {
      change.change = after - before;
      if (before !== 0) change.relative = after / before - 1;
      change.significant = significance(metric, base, next, baseBuckets, nextBuckets, isAggregate ? undefined : name, options);
      if (change.significant && change.change !== 0) {
        const rose = change.change > 0;
        change.verdict = rose === (HIGHER_IS_BETTER[metric] ?? false) ? 'better' : 'worse';
      }
    }
    row.metrics.push(change);
  }
  return row;
}

function significance(
  metric: ComparedMetric,
  base: Side,
  next: Side,
  baseBuckets: ReturnType<typeof histogramBuckets>,
  nextBuckets: ReturnType<typeof histogramBuckets>,
  name: string | undefined,
  options: Settings,
): boolean | undefined {
  const percentile = PERCENTILE_OF[metric];
  if (percentile !== undefined) {
    if (!baseBuckets || !nextBuckets) return undefined;
    const random = createRandom(options.seed, (hashName(name ?? '') + percentile) | 0);
    const inflation = { base: designEffect(base.intervals, name, baseBuckets), next: designEffect(next.intervals, name, nextBuckets) };
    const minimumChange = options.floor(metric as 'median' | 'p95' | 'p99');
    return percentileShift(baseBuckets, nextBuckets, percentile, { replicates: options.replicates, confidence: options.confidence, minimumChange, random, inflation }).significant;
  }
  if (metric === 'errors' && base.stats && next.stats) return failureRateShift(base.stats, next.stats, options.confidence);
  if (metric === 'rps') return rateShift(perSecondRates(base.intervals, name), perSecondRates(next.intervals, name), options.confidence, options.floor('rps'));
  // A count follows from the run's length and load model, and a maximum is one sample: no test.
  return undefined;
}

/** A stable small number per name, so that each row draws its own random stream. */
function hashName(name: string): number {
  let hash = 0;
  for (let i = 0; i < name.length; i++) hash = (Math.imul(hash, 31) + name.charCodeAt(i)) | 0;
  return hash;
}

function side(result: RunResult): RunSide {
  return { path: result.scenario.path, hash: result.scenario.hash, startTime: result.startTime };
}

const asPercent = (fraction: number): string => `${Math.round(fraction * 1000) / 10}%`;

export function describeMethod(options: Settings): string {
  const floors =
    options.minimumChange !== undefined
      ? asPercent(options.minimumChange)
      : (['median', 'p95', 'p99', 'rps'] as const).map((metric) => `${asPercent(options.floor(metric))} (${metric})`).join(', ');
  return (
    `A change is significant when the ${asPercent(options.confidence)} interval of the change excludes zero and the change is at least ${floors}: ` +
    `median, p95 and p99 by a bootstrap over both HDR histograms (${options.replicates} replicates, seed ${options.seed}), widened by each run's ` +
    `clustering of slow seconds; the error rate by a two-proportion z-test; RPS by Welch's t-test on the per-second rates. Count and max are not tested.`
  );
}

export function compareResults(base: RunResult, next: RunResult, options: CompareOptions = {}): Comparison {
  const settings: Settings = {
    seed: options.seed ?? DEFAULT_COMPARE_SEED,
    replicates: options.replicates ?? DEFAULT_REPLICATES,
    confidence: options.confidence ?? DEFAULT_CONFIDENCE,
    floor: (metric) => options.minimumChange ?? DEFAULT_MINIMUM_CHANGES[metric],
    minimumChange: options.minimumChange,
  };
  const key = (stats: EndpointStats) => `${stats.method} ${stats.name}`;
  const baseByKey = new Map(base.endpoints.map((stats) => [key(stats), stats]));
  const nextByKey = new Map(next.endpoints.map((stats) => [key(stats), stats]));
  // The new run's order, then names only the base run had.
  const keys = [...new Set([...nextByKey.keys(), ...baseByKey.keys()])];
  const rows = keys.map((k) => {
    const stats = (nextByKey.get(k) ?? baseByKey.get(k)) as EndpointStats;
    return compareRow(stats.method, stats.name, { stats: baseByKey.get(k), intervals: base.intervals }, { stats: nextByKey.get(k), intervals: next.intervals }, false, settings);
  });
  const aggregate = compareRow('', 'Aggregated', { stats: base.aggregate, intervals: base.intervals }, { stats: next.aggregate, intervals: next.intervals }, true, settings);
  return {
    base: side(base),
    next: side(next),
    sameScenario: base.scenario.hash === next.scenario.hash,
    rows,
    aggregate,
    method: describeMethod(settings),
  };
}
