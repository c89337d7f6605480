import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkScenario } from '../../../src/core/scenario';
import { NEW_SCENARIO_TEXT } from '../../../src/core/examples/new-scenario';

describe('the New Load Scenario example', () => {
  const { scenario, diagnostics } = checkScenario(NEW_SCENARIO_TEXT);

  it('checks clean', () => {
    assert.deepEqual(diagnostics, []);
  });

  it('shows host, a closed load model, think time, thresholds, two tasks and a capture', () => {
    assert.equal(scenario.host?.raw, 'http://localhost:8888');
    assert.deepEqual(scenario.load, { kind: 'users', users: 50, spawnRate: 5, runTimeMs: 120_000 });
    assert.deepEqual(scenario.think, { minMs: 1000, maxMs: 2000 });
    assert.equal(scenario.thresholds.length, 3);
    assert.deepEqual(scenario.tasks.map((task) => task.weight), [3, 1]);
    const capture = scenario.requests[2]?.url.parts.find((part) => part.kind === 'response');
    assert.equal(capture?.kind === 'response' ? capture.request : undefined, 'hospital');
  });
});
