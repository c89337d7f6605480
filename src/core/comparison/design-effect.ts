// How much noisier a run is than its request count suggests. Requests in a load test are not
// independent: a pause of the server, the network or the load generator slows every request in
// flight at once, so a bootstrap that treats them as independent draws calls run-to-run noise a
// change (docs/compare.md measures it). The run's own per-second data shows that clustering: the
// variance of the run's mean latency estimated from its seconds (batch means) against the
// variance independent requests would give (sigma^2 / N). Their ratio, the design effect, widens
// the bootstrap's intervals.
import type { IntervalSnapshot, IntervalStats } from '../metrics/result';
import type { Buckets } from './significance';

/** Fewer seconds than this cannot estimate a variance: no widening (the minimum change still holds). */
const MIN_BATCHES = 3;

/** The variance of single response times, from a histogram's buckets (ms²). */
function sampleVariance(buckets: Buckets): number {
  let previous = 0;
  let sum = 0;
  let sumSquares = 0;
  buckets.valuesMs.forEach((value, i) => {
    const count = (buckets.cumulative[i] ?? 0) - previous;
    previous = buckets.cumulative[i] ?? previous;
    sum += count * value;
    sumSquares += count * value * value;
  });
  const mean = sum / buckets.total;
  return Math.max(0, sumSquares / buckets.total - mean * mean);
}

/**
 * The design effect (>= 1) of one request name, or of the aggregate when `name` is undefined,
 * from the per-second cumulative totals: each second's own mean latency is recovered exactly from
 * the running mean and count. 1 when there are too few seconds or no spread to judge.
 */
export function designEffect(intervals: readonly IntervalSnapshot[], name: string | undefined, buckets: Buckets): number {
  const rows: IntervalStats[] = [];
  for (const interval of intervals) {
    const row = name === undefined ? interval.aggregate : interval.endpoints.find((e) => e.name === name);
    if (row) rows.push(row);
  }
  const batches: Array<{ count: number; sum: number }> = [];
  let previousCount = 0;
  let previousSum = 0;
  for (const row of rows) {
    const count = row.total.requests;
    const sum = row.total.meanMs * count;
    if (count > previousCount) batches.push({ count: count - previousCount, sum: sum - previousSum });
    previousCount = count;
    previousSum = sum;
  }
  if (batches.length < MIN_BATCHES) return 1;
  const total = batches.reduce((n, b) => n + b.count, 0);
  const mean = batches.reduce((s, b) => s + b.sum, 0) / total;
  // Batch means with unequal batch sizes (the ratio estimator's variance).
  const k = batches.length;
  const batchVariance = (batches.reduce((acc, b) => acc + (b.sum - b.count * mean) ** 2, 0) / (total * total)) * (k / (k - 1));
  const independentVariance = sampleVariance(buckets) / total;
  if (!(independentVariance > 0)) return 1;
  return Math.max(1, batchVariance / independentVariance);
}
