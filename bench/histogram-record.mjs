// Nanoseconds per latency recorded into a histogram of src/core/metrics/histogram.ts: through
// hdr-histogram-js's own recordValue, and through recordMicros (the index from integer operations,
// docs/performance-engine.md "Histogram index"). Same values, same histogram shape, alternately.
//
//   node --import tsx bench/histogram-record.mjs [ROUNDS]

import { createHistogram, recordMicros } from '../src/core/metrics/histogram.ts';
import { createRandom } from '../src/core/schedule/index.ts';

const rounds = Number(process.argv[2] ?? 5);
const random = createRandom(7);
// Latencies of a fast endpoint: 200 µs to 2.2 ms, the benchmark's GET / at 50 users.
const values = Array.from({ length: 1 << 16 }, () => 200 + Math.floor(random() * 2000));
const passes = 60;

function nsPerValue(record) {
  const histogram = createHistogram();
  for (const value of values) record(histogram, value);
  histogram.reset();
  const started = process.hrtime.bigint();
  for (let pass = 0; pass < passes; pass++) for (let i = 0; i < values.length; i++) record(histogram, values[i]);
  return Number(process.hrtime.bigint() - started) / (passes * values.length);
}

const library = (histogram, value) => histogram.recordValue(value);
for (let round = 1; round <= rounds; round++) {
  const byLibrary = nsPerValue(library);
  const byIndex = nsPerValue(recordMicros);
  console.log(`round ${round}: recordValue ${byLibrary.toFixed(1)} ns, recordMicros ${byIndex.toFixed(1)} ns per value`);
}
