import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as hdr from 'hdr-histogram-js';
import {
  createHistogram,
  decodeHistogram,
  encodeHistogram,
  mergeEncodedHistograms,
  percentileSet,
  recordMicros,
  HIGHEST_TRACKABLE_US,
  PERCENTILES,
} from '../../../src/core/metrics';
import { createRandom } from '../../../src/core/schedule';

test('N histograms merged equal one histogram of all samples, bucket for bucket', () => {
  const random = createRandom(3);
  const all = createHistogram();
  const parts = [createHistogram(), createHistogram(), createHistogram()];
  for (let i = 0; i < 30_000; i++) {
    // Latencies from 20 µs to ~2 s, skewed like real ones.
    const micros = 20 + Math.floor(random() ** 4 * 2_000_000);
    recordMicros(all, micros);
    recordMicros(parts[i % 3] as ReturnType<typeof createHistogram>, micros);
  }
  const merged = decodeHistogram(mergeEncodedHistograms(parts.map(encodeHistogram)));
  assert.equal(merged.totalCount, all.totalCount);
  for (const p of [1, 10, 50, 66, 90, 95, 99, 99.9, 99.99, 100]) {
    assert.equal(merged.getValueAtPercentile(p), all.getValueAtPercentile(p), `p${p}`);
  }
  assert.equal(encodeHistogram(merged), encodeHistogram(all));
});

test('encode/decode round-trips; empty is the empty string', () => {
  const h = createHistogram();
  assert.equal(encodeHistogram(h), '');
  assert.equal(decodeHistogram('').totalCount, 0);
  recordMicros(h, 1500);
  recordMicros(h, 0.2);
  recordMicros(h, 1e13);
  const back = decodeHistogram(encodeHistogram(h));
  assert.equal(back.totalCount, 3);
  assert.equal(back.minNonZeroValue, 1);
});

test('percentiles are in ms, keep sub-millisecond values, 0 when empty', () => {
  const h = createHistogram();
  for (let i = 1; i <= 1000; i++) recordMicros(h, i * 10); // 0.01 .. 10 ms
  const set = percentileSet(h);
  assert.deepEqual(Object.keys(set).sort(), PERCENTILES.map(String).sort());
  assert.ok(Math.abs((set['50'] as number) - 5) < 0.01);
  assert.ok(Math.abs((set['99'] as number) - 9.9) < 0.01);
  assert.ok(Math.abs((set['100'] as number) - 10) < 0.01);
  h.reset();
  recordMicros(h, 250);
  assert.ok(Math.abs((percentileSet(h)['50'] as number) - 0.25) < 0.001);
  assert.equal(percentileSet(createHistogram())['95'], 0);
});

test('recordMicros files every latency in the bucket that hdr-histogram-js recordValue picks, from 1 µs to an hour, growing as it does', () => {
  const values: number[] = [];
  for (let value = 1; value <= 5000; value++) values.push(value);
  // Each power of two and its neighbours (where the bucket changes), and a spread between them.
  for (let power = 11; power < 32; power++) {
    const edge = 2 ** power;
    for (const value of [edge - 1, edge, edge + 1, Math.floor(edge * 1.37), Math.floor(edge * 1.9)]) {
      if (value <= HIGHEST_TRACKABLE_US) values.push(value);
    }
  }
  values.push(HIGHEST_TRACKABLE_US - 1, HIGHEST_TRACKABLE_US);
  const random = createRandom(11);
  for (let i = 0; i < 20_000; i++) values.push(1 + Math.floor(random() ** 3 * HIGHEST_TRACKABLE_US));
  // One value at a time into a fresh pair: an index off by one bucket shows as a different encoding.
  for (const value of values) {
    const byLibrary = createHistogram();
    byLibrary.recordValue(value);
    const byIndex = createHistogram();
    recordMicros(byIndex, value);
    assert.equal(encodeHistogram(byIndex), encodeHistogram(byLibrary), `${value} µs`);
  }
  // All of them into one pair, in the order given (it grows step by step to the hour).
  const byLibrary = createHistogram();
  const byIndex = createHistogram();
  for (const value of values) {
    byLibrary.recordValue(value);
    recordMicros(byIndex, value);
  }
  assert.equal(byIndex.totalCount, values.length);
  assert.equal(byIndex.minNonZeroValue, byLibrary.minNonZeroValue);
  assert.equal(byIndex.maxValue, byLibrary.maxValue);
  assert.equal(encodeHistogram(byIndex), encodeHistogram(byLibrary));
  assert.deepEqual(percentileSet(byIndex), percentileSet(byLibrary));
});

test('recordMicros indexes by itself within a histogram\'s length, and leaves growing and other precisions to recordValue', () => {
  const histogram = createHistogram();
  let libraryCalls = 0;
  const recordValue = histogram.recordValue.bind(histogram);
  histogram.recordValue = (value: number) => {
    libraryCalls++;
    recordValue(value);
  };
  for (const micros of [1, 1000, 2047]) recordMicros(histogram, micros);
  assert.equal(libraryCalls, 0, 'values within the first 2,048 buckets are indexed without recordValue');
  recordMicros(histogram, 50_000);
  assert.equal(libraryCalls, 1, 'a value past the length goes through recordValue, which grows the histogram');
  recordMicros(histogram, 40_000);
  assert.equal(libraryCalls, 1, 'once grown, the new range is indexed without recordValue');
  assert.equal(histogram.totalCount, 5);

  // A histogram of 2 significant digits has other buckets: recorded by value, its median stays right.
  const coarse = hdr.build({ bitBucketSize: 32, autoResize: true, lowestDiscernibleValue: 1, highestTrackableValue: 2, numberOfSignificantValueDigits: 2 });
  const coarseByLibrary = hdr.build({ bitBucketSize: 32, autoResize: true, lowestDiscernibleValue: 1, highestTrackableValue: 2, numberOfSignificantValueDigits: 2 });
  for (const micros of [10_000_000, 300, 300, 300]) {
    recordMicros(coarse, micros);
    coarseByLibrary.recordValue(micros);
  }
  assert.equal(coarse.getValueAtPercentile(50), coarseByLibrary.getValueAtPercentile(50));
  assert.equal(hdr.encodeIntoCompressedBase64(coarse), hdr.encodeIntoCompressedBase64(coarseByLibrary));
});
