// A latency histogram that holds only the buckets it has counts in: the engine's main thread keeps
// two per request name for the whole run (the cumulative one and the 10 s window), and a dense
// histogram's memory follows the width of its latencies (8 KB below 2 ms, 33 KB below 100 ms,
// 94 KB for the hour) while a name's samples fill a few hundred buckets. Here a bucket costs
// 10 bytes (its index and its count), so memory follows what was recorded, not how widely it
// spreads. A histogram whose buckets come so close together that a dense one would be smaller
// (a busy name with thousands of samples a second) turns into that dense histogram, so it never
// holds more than the dense one would.
//
// The buckets are hdr-histogram-js's (histogram.ts: one precision everywhere, so a bucket index
// means the same value range in every histogram); adding and subtracting are exact, bucket by
// bucket. Percentiles are hdr-histogram-js's getValueAtPercentile over these buckets
// (test/unit/metrics/sparse-histogram.test.ts checks them against it), and the encoded text is
// the library's, through a dense histogram filled for the purpose.

import { createHistogram, encodeHistogram, percentileMs, percentileSet, type Histogram } from './histogram';
import { PERCENTILES, type PercentileSet } from './result';

/** The dense histogram's methods used here (hdr-histogram-js's JS histogram has them; its typings do not show them). */
interface Buckets {
  countsArrayLength: number;
  countsArrayIndex(value: number): number;
  getCountAtIndex(index: number): number;
  valueFromIndex(index: number): number;
  lowestEquivalentValue(value: number): number;
  highestEquivalentValue(value: number): number;
}

/** Index <-> value of the shared precision (any histogram of it answers the same); made on first use, not at import. */
let sharedGeometry: Buckets | undefined;
function geometry(): Buckets {
  return (sharedGeometry ??= createHistogram() as unknown as Buckets);
}
/** One dense histogram per thread to encode with; filled, encoded and reset in one call. */
let scratch: Histogram | undefined;

/** hdr-histogram-js's ulp (src/ulp.ts there): the spacing of doubles at x. */
function ulp(x: number): number {
  return 2 ** (Math.floor(Math.log2(x)) - 52);
}

/** The count a percentile must reach, exactly as hdr-histogram-js's getValueAtPercentile rounds it. */
function countAtPercentile(percentile: number, totalCount: number): number {
  const fpCount = (Math.min(percentile, 100) / 100) * totalCount;
  return Math.max(Math.ceil(fpCount - ulp(fpCount)), 1);
}

/** A sparse bucket's bytes (16-bit index, 64-bit count), room to grow included in the comparison. */
const SPARSE_BUCKET_BYTES = 10;
/** A dense bucket's bytes (Int32 counts), for every bucket up to the largest value. */
const DENSE_BUCKET_BYTES = 4;
/** The fewest buckets a dense histogram has (histogram.ts: 2,048, up to 2 ms). */
const SMALLEST_DENSE_LENGTH = 2048;

export class SparseHistogram {
  /** Set once dense is smaller than the sparse arrays; those are then empty. */
  private dense: Histogram | undefined;
  /** Bucket indexes with a count, ascending (the shared precision has 23,552 buckets: they fit 16 bits). */
  private indexes = new Uint16Array(0);
  private counts = new Float64Array(0);
  private used = 0;
  totalCount = 0;

  /** Buckets held sparse: what this histogram's memory follows (0 once dense). */
  get bucketsHeld(): number {
    return this.used;
  }

  /** Whether it turned dense (its buckets came close enough together). */
  get isDense(): boolean {
    return this.dense !== undefined;
  }

  /** Adds every sample of a dense histogram of the shared precision. */
  add(histogram: Histogram): void {
    this.merge(histogram, 1);
  }

  /** Removes the samples of a dense histogram that was added before (the window's leaving interval). */
  subtract(histogram: Histogram): void {
    this.merge(histogram, -1);
  }

  private merge(histogram: Histogram, sign: 1 | -1): void {
    if (histogram.totalCount === 0) return;
    if (this.dense) {
      if (sign === 1) this.dense.add(histogram);
      else this.dense.subtract(histogram);
      this.totalCount = this.dense.totalCount;
      if (this.totalCount === 0) this.release();
      return;
    }
    const dense = histogram as unknown as Buckets;
    const last = Math.min(dense.countsArrayLength - 1, dense.countsArrayIndex(histogram.maxValue));
    const addIndexes: number[] = [];
    const addCounts: number[] = [];
    for (let index = 0; index <= last; index++) {
      const count = dense.getCountAtIndex(index);
      if (count !== 0) {
        addIndexes.push(index);
        addCounts.push(count * sign);
      }
    }
    this.mergeSorted(addIndexes, addCounts);
  }

  /** Merges ascending (index, count) pairs in; buckets whose count falls to 0 are dropped. */
  private mergeSorted(addIndexes: readonly number[], addCounts: readonly number[]): void {
    const size = this.used + addIndexes.length;
    const indexes = this.indexes.length >= size ? this.indexes : new Uint16Array(Math.max(size, this.indexes.length * 2, 8));
    const counts = this.counts.length >= size ? this.counts : new Float64Array(indexes.length);
    // From the back, so that merging in place never overwrites an entry not read yet.
    let mine = this.used - 1;
    let theirs = addIndexes.length - 1;
    let out = size - 1;
    while (theirs >= 0) {
      const their = addIndexes[theirs] as number;
      const my = mine >= 0 ? (this.indexes[mine] as number) : -1;
      if (my > their) {
        indexes[out] = my;
        counts[out--] = this.counts[mine--] as number;
      } else if (my === their) {
        indexes[out] = my;
        counts[out--] = (this.counts[mine--] as number) + (addCounts[theirs--] as number);
      } else {
        indexes[out] = their;
        counts[out--] = addCounts[theirs--] as number;
      }
    }
    while (mine >= 0) {
      indexes[out] = this.indexes[mine] as number;
      counts[out--] = this.counts[mine--] as number;
    }
    // Shift down over the gap left by matched buckets, dropping those that fell to 0.
    let kept = 0;
    let total = 0;
    for (let at = out + 1; at < size; at++) {
      const count = counts[at] as number;
      if (count === 0) continue;
      indexes[kept] = indexes[at] as number;
      counts[kept++] = count;
      total += count;
    }
    this.indexes = indexes;
    this.counts = counts;
    this.used = kept;
    this.totalCount = total;
    // A window that emptied gives its arrays back instead of keeping the widest second's size.
    if (kept === 0) this.release();
    else if (indexes.length * SPARSE_BUCKET_BYTES > Math.max(SMALLEST_DENSE_LENGTH, (indexes[kept - 1] as number) + 1) * DENSE_BUCKET_BYTES) this.turnDense();
    else if (kept * 4 < indexes.length && indexes.length > 64) this.shrinkTo(kept * 2);
  }

  private turnDense(): void {
    const dense = createHistogram();
    const buckets = geometry();
    for (let at = 0; at < this.used; at++) {
      dense.recordValueWithCount(buckets.valueFromIndex(this.indexes[at] as number), this.counts[at] as number);
    }
    this.release();
    this.dense = dense;
    this.totalCount = dense.totalCount;
  }

  private shrinkTo(length: number): void {
    this.indexes = this.indexes.slice(0, length);
    this.counts = this.counts.slice(0, length);
  }

  private release(): void {
    this.dense = undefined;
    this.indexes = new Uint16Array(0);
    this.counts = new Float64Array(0);
    this.used = 0;
    this.totalCount = 0;
  }

  /** hdr-histogram-js's getValueAtPercentile, in ms, for several percentiles (ascending) in one pass. */
  private valuesAtPercentiles(percentiles: readonly number[]): number[] {
    const values: number[] = [];
    const buckets = geometry();
    let bucket = 0;
    let reached = this.used > 0 ? (this.counts[0] as number) : 0;
    for (const percentile of percentiles) {
      if (this.totalCount === 0) {
        values.push(0);
        continue;
      }
      const wanted = countAtPercentile(percentile, this.totalCount);
      while (reached < wanted && bucket < this.used - 1) reached += this.counts[++bucket] as number;
      const value = buckets.valueFromIndex(this.indexes[bucket] as number);
      const micros = percentile === 0 ? buckets.lowestEquivalentValue(value) : buckets.highestEquivalentValue(value);
      values.push(micros / 1000);
    }
    return values;
  }

  /** Locust's percentiles in ms (0 when empty), as percentileSet gives them for a dense histogram. */
  percentileSet(): PercentileSet {
    if (this.dense) return percentileSet(this.dense);
    const set: PercentileSet = {};
    const values = this.valuesAtPercentiles(PERCENTILES);
    PERCENTILES.forEach((percentile, at) => {
      set[String(percentile)] = values[at] as number;
    });
    return set;
  }

  /** One percentile in ms (0 when empty). */
  percentileMs(percentile: number): number {
    if (this.dense) return percentileMs(this.dense, percentile);
    return this.valuesAtPercentiles([percentile])[0] as number;
  }

  /** The same text encodeHistogram gives for a dense histogram of these samples. */
  encode(): string {
    if (this.totalCount === 0) return '';
    if (this.dense) return encodeHistogram(this.dense);
    const dense = (scratch ??= createHistogram());
    const buckets = geometry();
    try {
      for (let at = 0; at < this.used; at++) {
        dense.recordValueWithCount(buckets.valueFromIndex(this.indexes[at] as number), this.counts[at] as number);
      }
      return encodeHistogram(dense);
    } finally {
      dense.reset();
    }
  }
}
