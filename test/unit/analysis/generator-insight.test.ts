import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deriveInsights } from '../../../src/core/analysis';
import { generatorLoad, SATURATED_LOOP_BUSY, SATURATED_MEDIAN_DELAY_MS, type GeneratorSample } from '../../../src/core/metrics';
import { parseResultJson, resultJson } from '../../../src/core/report/result-json';
import { buildRunResult } from '../../fixtures/results';

const idle: GeneratorSample = { loopBusy: 0.05, cpuCores: 0.05, loopDelayMedianMs: 0.3, loopDelayMaxMs: 4 };

describe('generatorLoad: one verdict per interval from the workers', () => {
  it('is saturated when one worker\'s loop has work 90% of the time or more, or wakes up 5 ms late at the median', () => {
    assert.equal(generatorLoad([idle, idle])?.saturated, false);
    assert.equal(generatorLoad([idle, { ...idle, loopBusy: SATURATED_LOOP_BUSY }])?.saturated, true);
    assert.equal(generatorLoad([{ ...idle, cpuCores: 0.95 }])?.saturated, false, 'CPU use alone is not the verdict');
    assert.equal(generatorLoad([{ ...idle, loopDelayMedianMs: SATURATED_MEDIAN_DELAY_MS }, idle])?.saturated, true);
    assert.deepEqual(generatorLoad([{ loopBusy: 0.6, cpuCores: 0.5, loopDelayMedianMs: 1, loopDelayMaxMs: 3 }, { loopBusy: 0.3, cpuCores: 0.2, loopDelayMedianMs: 2, loopDelayMaxMs: 9 }]), {
      saturated: false,
      loopBusy: 0.6,
      cpuCores: 0.5,
      loopDelayMedianMs: 2,
      loopDelayMaxMs: 9,
    });
  });

  it('is absent when no worker measured (shards recorded before it was measured)', () => {
    assert.equal(generatorLoad([undefined, undefined]), undefined);
  });
});

describe('deriveInsights: load generator saturated', () => {
  function withGenerator(loads: Array<GeneratorSample | undefined>) {
    const result = buildRunResult({ durationS: loads.length, endpoints: [{ method: 'GET', name: 'Home', perSecond: () => 20, latencyMs: () => 20 }] });
    result.intervals.forEach((interval, index) => {
      const load = generatorLoad([loads[index]]);
      if (load) interval.generator = load;
    });
    return result;
  }

  it('says for how long, and bounds the added latency by the longest loop lateness of the saturated seconds', () => {
    const busy = (maxMs: number): GeneratorSample => ({ loopBusy: 0.97, cpuCores: 0.4, loopDelayMedianMs: 2, loopDelayMaxMs: maxMs });
    const result = withGenerator([idle, busy(12.2), busy(40.4), { ...idle, loopDelayMaxMs: 300 }, busy(3), idle]);
    const insight = deriveInsights(result).find((i) => i.kind === 'generator-saturated');
    assert.ok(insight);
    assert.equal(insight.severity, 'warning');
    // 300 ms was in a second that was not saturated: it is not this insight's bound.
    assert.match(insight.message, /^load generator saturated for 3s of 6s: latencies may be inflated by up to 41 ms \(a worker's event loop was busy up to 97% of the time/);
  });

  it('says nothing for a single saturated second, a quiet run, or a result without the measurement', () => {
    const busy: GeneratorSample = { loopBusy: 1, cpuCores: 1, loopDelayMedianMs: 9, loopDelayMaxMs: 50 };
    for (const loads of [[idle, busy, idle, idle], [idle, idle, idle], [undefined, undefined, undefined]]) {
      assert.equal(deriveInsights(withGenerator(loads)).find((i) => i.kind === 'generator-saturated'), undefined);
    }
  });

  it('survives the JSON result, and a wrong field is named', () => {
    const result = withGenerator([idle, idle]);
    result.insights = deriveInsights(result);
    const parsed = parseResultJson(resultJson(result));
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.result.intervals[0]?.generator, result.intervals[0]?.generator);
    const broken = JSON.parse(resultJson(result)) as { intervals: Array<{ generator: Record<string, unknown> }> };
    (broken.intervals[1] as { generator: Record<string, unknown> }).generator.saturated = 'yes';
    const problem = parseResultJson(JSON.stringify(broken));
    assert.ok(!problem.ok);
    assert.match(problem.message, /intervals\[1\]\.generator\.saturated: expected true or false/);
  });
});
