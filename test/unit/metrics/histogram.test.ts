import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createHistogram,
  decodeHistogram,
  encodeHistogram,
  mergeEncodedHistograms,
  percentileSet,
  recordMicros,
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
