import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createAbortTracker } from '../../../src/core/analysis';
import type { ThresholdVerdict } from '../../../src/core/metrics/result';

function verdict(passed: boolean, overrides: Partial<ThresholdVerdict> = {}): ThresholdVerdict {
  return { rule: 'p95 < 500ms abort', severity: 'error', abort: true, target: 'aggregate', ruleLine: 3, actual: passed ? 100 : 900, requests: 50, passed, isDefault: false, ...overrides };
}

describe('createAbortTracker', () => {
  it('returns an abort verdict once it has been broken for 10 s in a row', () => {
    const tracker = createAbortTracker();
    for (let second = 0; second < 10; second++) assert.equal(tracker.update([verdict(false)], second * 1000), undefined, `at ${second}s`);
    assert.equal(tracker.update([verdict(false)], 10_000)?.rule, 'p95 < 500ms abort');
  });

  it('starts counting again when the rule passes in between', () => {
    const tracker = createAbortTracker();
    for (let second = 0; second <= 8; second++) tracker.update([verdict(false)], second * 1000);
    assert.equal(tracker.update([verdict(true)], 9000), undefined);
    for (let second = 10; second < 20; second++) assert.equal(tracker.update([verdict(false)], second * 1000), undefined, `at ${second}s`);
    assert.ok(tracker.update([verdict(false)], 20_000));
  });

  it('forgets a rule that has no verdict in an update (e.g. no request in that second)', () => {
    const tracker = createAbortTracker(2000);
    tracker.update([verdict(false)], 0);
    tracker.update([], 1000);
    assert.equal(tracker.update([verdict(false)], 2000), undefined);
    assert.ok(tracker.update([verdict(false)], 4000));
  });

  it('ignores rules without abort, and tracks each target of a rule on its own', () => {
    const tracker = createAbortTracker(1000);
    assert.equal(tracker.update([verdict(false, { abort: false })], 0), undefined);
    assert.equal(tracker.update([verdict(false, { abort: false })], 5000), undefined);
    tracker.update([verdict(false, { target: 'Home' })], 0);
    assert.equal(tracker.update([verdict(true, { target: 'Home' }), verdict(false, { target: 'List' })], 1000), undefined);
    assert.equal(tracker.update([verdict(true, { target: 'Home' }), verdict(false, { target: 'List' })], 2000)?.target, 'List');
  });

  it('honours a custom hold time', () => {
    const tracker = createAbortTracker(3000);
    tracker.update([verdict(false)], 0);
    assert.equal(tracker.update([verdict(false)], 2999), undefined);
    assert.ok(tracker.update([verdict(false)], 3000));
  });
});
