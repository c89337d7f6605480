// What a busy request name holds in the worker's recorder and the main thread's aggregator must
// follow what it recorded, not how widely its latencies spread (docs/performance-memory.md):
// latencies from 1 ms to 50 minutes here would make dense histograms of 94 KB each (worker,
// cumulative, window). Heap bytes are counted after a full collection, so the figure does not
// depend on the machine's speed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { MetricsRecorder, RunAggregator, WINDOW_INTERVALS } from '../../../src/core/metrics';
import { createRandom } from '../../../src/core/schedule';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

function heldBytes(): number {
  collect();
  collect();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

test('busy names with widely spread latencies hold a few KiB each, in the recorder and the aggregator', (t) => {
  const names = 500;
  const keys = Array.from({ length: names }, (_, index) => ({ method: 'GET', name: `name-${index}` }));
  const random = createRandom(3);
  const gauges = { users: 50, inFlight: 0, dropped: 0 };
  const before = heldBytes();
  const recorder = new MetricsRecorder(names);
  const aggregator = new RunAggregator(keys);
  // A full window and more: every name gets 5 samples a second, one of them very slow.
  for (let second = 1; second <= WINDOW_INTERVALS + 2; second++) {
    for (let name = 0; name < names; name++) {
      for (let sample = 0; sample < 4; sample++) recorder.record(name, 1000 + random() * 200_000, 100, undefined);
      recorder.record(name, 1_000_000 + random() * 3_000_000_000, 100, undefined);
    }
    aggregator.addInterval([recorder.takePartial(gauges)], { time: second * 1000, elapsedMs: second * 1000, intervalMs: 1000 });
  }
  // The names' last samples are still in the recorder's buffers, as in a run between two intervals.
  for (let name = 0; name < names; name++) recorder.record(name, 3_000_000_000, 100, undefined);
  const perName = (heldBytes() - before) / names;
  t.diagnostic(`${(perName / 1024).toFixed(1)} KiB per busy name`);
  // Measured about 8 KiB a name (the window's ring of encoded intervals is most of it); dense
  // histograms as wide as these latencies held about 280 KiB.
  assert.ok(perName < 24 * 1024, `${(perName / 1024).toFixed(1)} KiB per busy name`);
  assert.equal(aggregator.stats(1000).aggregate.requests, names * 5 * (WINDOW_INTERVALS + 2));
  assert.equal(recorder.takePartial(gauges).endpoints[0]?.requests, 1);
});
