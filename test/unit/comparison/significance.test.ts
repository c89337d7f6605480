import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHistogram, encodeHistogram, recordMicros } from '../../../src/core/metrics/histogram';
import { failureRateShift, histogramBuckets, normalQuantile, percentileShift, rateShift, type Buckets } from '../../../src/core/comparison';
import { createRandom, type Random } from '../../../src/core/schedule/random';
import { normal } from '../../../src/core/comparison/random-variates';

/** `count` response times drawn from a log-normal around `medianMs` (a typical latency shape), times `scale`. */
function latencies(random: Random, count: number, medianMs = 40, scale = 1): Buckets {
  const histogram = createHistogram();
  for (let i = 0; i < count; i++) recordMicros(histogram, medianMs * Math.exp(0.5 * normal(random)) * scale * 1000);
  return histogramBuckets(encodeHistogram(histogram)) as Buckets;
}

describe('percentileShift: the bootstrap over two HDR histograms', () => {
  it('flags identical distributions at about its nominal 1% rate, and the 5% floor only lowers that', () => {
    const random = createRandom(7);
    const pairs = 120;
    let nominalAlarms = 0;
    let flooredAlarms = 0;
    for (let pair = 0; pair < pairs; pair++) {
      const a = latencies(random, 3000);
      const b = latencies(random, 3000);
      const options = { random: createRandom(pair), replicates: 1000 };
      if (percentileShift(a, b, 95, { ...options, minimumChange: 0 }).significant) nominalAlarms++;
      if (percentileShift(a, b, 95, options).significant) flooredAlarms++;
    }
    // 99% intervals: about 1 pair in 100 by chance; 5 of 120 would mean the interval is too narrow.
    assert.ok(nominalAlarms <= 5, `${nominalAlarms} of ${pairs} identical pairs flagged at 99% without a floor`);
    assert.ok(flooredAlarms <= nominalAlarms, `${flooredAlarms} of ${pairs} identical pairs flagged with the 5% floor`);
  });

  it('flags a 20% rise of p95 with enough samples, every time, and says which way', () => {
    const random = createRandom(11);
    for (let trial = 0; trial < 20; trial++) {
      const base = latencies(random, 2000);
      const slower = latencies(random, 2000, 40, 1.2);
      const shift = percentileShift(base, slower, 95, { random: createRandom(trial) });
      assert.ok(shift.significant, `trial ${trial}: ${JSON.stringify(shift)}`);
      assert.ok(shift.low > 0.05 && shift.high < 0.4, `the interval holds the true +20%: ${JSON.stringify(shift)}`);
    }
  });

  it('does not call a 20% change of 15 samples significant: too few to tell', () => {
    const random = createRandom(3);
    let flagged = 0;
    for (let trial = 0; trial < 20; trial++) {
      if (percentileShift(latencies(random, 15), latencies(random, 15, 40, 1.2), 95, { random: createRandom(trial) }).significant) flagged++;
    }
    assert.ok(flagged <= 4, `${flagged} of 20`);
  });

  it('gives the same verdict and interval for the same seed', () => {
    const random = createRandom(5);
    const a = latencies(random, 500);
    const b = latencies(random, 500, 40, 1.1);
    assert.deepEqual(percentileShift(a, b, 99, { random: createRandom(42) }), percentileShift(a, b, 99, { random: createRandom(42) }));
  });

  it('handles a histogram of one value (every bucket the same)', () => {
    const histogram = createHistogram();
    for (let i = 0; i < 100; i++) recordMicros(histogram, 5000);
    const flat = histogramBuckets(encodeHistogram(histogram)) as Buckets;
    assert.deepEqual(percentileShift(flat, flat, 95, { random: createRandom(1) }), { low: 0, high: 0, significant: false });
  });
});

describe('failureRateShift and rateShift', () => {
  it('error rates: 1% vs 1.1% of 1,000 is noise, 1% vs 3% of 10,000 is not', () => {
    assert.equal(failureRateShift({ requests: 1000, failures: 10 }, { requests: 1000, failures: 11 }), false);
    assert.equal(failureRateShift({ requests: 10_000, failures: 100 }, { requests: 10_000, failures: 300 }), true);
    assert.equal(failureRateShift({ requests: 100, failures: 0 }, { requests: 100, failures: 0 }), false);
    assert.equal(failureRateShift({ requests: 0, failures: 0 }, { requests: 100, failures: 5 }), false);
  });

  it('per-second rates: the same noisy rate is no change, a 20% drop is', () => {
    const random = createRandom(9);
    const around = (mean: number) => Array.from({ length: 30 }, () => mean + 3 * normal(random));
    assert.equal(rateShift(around(100), around(100)), false);
    assert.equal(rateShift(around(100), around(80)), true);
    assert.equal(rateShift([100, 100], [50, 50]), undefined, 'two seconds cannot be judged');
  });

  it('normalQuantile matches the familiar critical values', () => {
    assert.ok(Math.abs(normalQuantile(0.975) - 1.959964) < 1e-5);
    assert.ok(Math.abs(normalQuantile(0.995) - 2.575829) < 1e-5);
    assert.ok(Math.abs(normalQuantile(0.005) + 2.575829) < 1e-5);
  });
});
