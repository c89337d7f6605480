// A worker's own load per interval (src/engine/generator-meter.ts): figures for a window long enough
// to judge, none for a shorter one, whose CPU ticks (10 ms each) would read as more than a core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GeneratorMeter, MIN_MEASURED_MS } from '../../src/engine/generator-meter';

function busyFor(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // The loop has work the whole time: it never gets back to its timers.
  }
}

test('a window shorter than MIN_MEASURED_MS has no figures; a longer one does, within one core', () => {
  const meter = new GeneratorMeter();
  try {
    busyFor(5);
    assert.equal(meter.take(), undefined, 'a few ms of a busy loop is not judged');
    busyFor(MIN_MEASURED_MS + 100);
    const sample = meter.take();
    assert.ok(sample, 'a window past the minimum has figures');
    assert.ok(sample.loopBusy > 0.9, `loop busy ${sample.loopBusy}`);
    // One thread cannot use more than a core; a 10-ms tick over the window is the rounding.
    assert.ok(sample.cpuCores <= 1 + 10 / MIN_MEASURED_MS, `cpu ${sample.cpuCores} cores`);
    busyFor(20);
    assert.equal(meter.take(), undefined, 'the window starts again at each take');
  } finally {
    meter.stop();
  }
});
