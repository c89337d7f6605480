import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseThresholdRule } from '../../../src/core/scenario';

function rule(text: string) {
  const parsed = parseThresholdRule(text);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.message);
  return parsed.rule;
}

function problem(text: string): string {
  const parsed = parseThresholdRule(text);
  assert.ok(!parsed.ok, `expected '${text}' to be rejected`);
  return parsed.message;
}

test('latency rules take durations in milliseconds', () => {
  assert.deepEqual(rule('p95 < 500ms'), { text: 'p95 < 500ms', metric: { kind: 'percentile', percentile: 95 }, op: '<', value: 500, severity: 'error', abort: false });
  assert.deepEqual(rule('p99 <= 1s error abort').abort, true);
  assert.deepEqual([rule('p99.9 < 2s').metric, rule('p99.9 < 2s').value], [{ kind: 'percentile', percentile: 99.9 }, 2000]);
  assert.deepEqual(rule('median < 100ms').metric, { kind: 'percentile', percentile: 50 });
  assert.deepEqual(rule('avg>=1m').metric, { kind: 'avg' });
  assert.equal(rule('max > 2s').op, '>');
  assert.equal(rule('min >= 1ms').op, '>=');
  assert.deepEqual(rule('p100 < 3s').metric, { kind: 'percentile', percentile: 100 });
});

test('errors take a percentage and rps a number', () => {
  const errors = rule('errors < 1% warn');
  assert.deepEqual([errors.value, errors.severity], [1, 'warn']);
  assert.equal(rule('errors <= 0.5%').value, 0.5);
  assert.equal(rule('rps > 100').value, 100);
  assert.equal(rule('rps > 100/s').value, 100);
});

test('unit kind mismatches name the offending text and the fix', () => {
  assert.match(problem('p95 < 500'), /'500' needs a unit: write 500ms or 500s/);
  assert.match(problem('p95 < 5%'), /p95 takes a duration, not a percentage '5%'/);
  assert.match(problem('errors < 1'), /errors takes a percentage, not '1'/);
  assert.match(problem('errors < 200%'), /more than 100%/);
  assert.match(problem('rps > 1s'), /rps takes a number of requests per second, not '1s'/);
  assert.match(problem('avg < fast'), /avg takes a duration, not 'fast'/);
});

test('bad metrics, ops, flags are explained', () => {
  assert.match(problem('p59.x < 1s'), /unknown metric 'p59.x'/);
  assert.match(problem('p0 < 1s'), /unknown metric 'p0'/);
  assert.match(problem('p101 < 1s'), /unknown metric 'p101'/);
  assert.match(problem('erors < 1%'), /did you mean 'errors'\?/);
  assert.match(problem('p95 = 1s'), /cannot read threshold 'p95 = 1s'/);
  assert.match(problem('p95 <'), /has no value/);
  assert.match(problem('p95 < 1s warn error'), /two severities/);
  assert.match(problem('p95 < 1s abort abort'), /abort twice/);
  assert.match(problem('p95 < 1s later'), /unexpected 'later'/);
  assert.match(problem(''), /empty threshold/);
});

test('rules relative to a baseline: a percentage of the baseline, or an amount in the metric\'s unit', () => {
  const relative = rule('p95 < baseline + 10%');
  assert.deepEqual([relative.value, relative.baseline, relative.op], [10, { relative: true }, '<']);
  const absolute = rule('p99 < baseline + 50ms warn');
  assert.deepEqual([absolute.value, absolute.baseline, absolute.severity], [50, { relative: false }, 'warn']);
  // errors is itself a percentage: + 0.5% is half a percentage point, not 0.5% of the baseline's rate.
  assert.deepEqual([rule('errors < baseline + 0.5%').value, rule('errors < baseline + 0.5%').baseline], [0.5, { relative: false }]);
  assert.deepEqual([rule('rps > baseline - 5%').value, rule('rps > baseline - 5%').baseline], [-5, { relative: true }]);
  assert.deepEqual([rule('rps > baseline - 20').value, rule('rps > baseline - 20').baseline], [-20, { relative: false }]);
  assert.deepEqual([rule('p95 <= baseline').value, rule('p95 <= baseline').baseline], [0, { relative: false }]);
  const glued = rule('p95<baseline+1s error abort');
  assert.deepEqual([glued.value, glued.abort, glued.baseline], [1000, true, { relative: false }]);
  assert.equal(rule('p95 < 500ms').baseline, undefined);
});

test('a baseline rule that cannot be read says how to write one', () => {
  assert.match(problem('p95 < baseline * 2'), /cannot read '\* 2' after baseline: write baseline \+ or - an amount/);
  assert.match(problem('p95 < baseline + 10'), /'10' needs a unit/);
  assert.match(problem('errors < baseline + 2'), /errors takes a percentage, not '2': write e\.g\. errors < baseline \+ 0\.5%/);
  assert.match(problem('p95 < baseline + x%'), /cannot read the percentage 'x%'/);
  assert.match(problem('p95 < baseline + 10% loud'), /unexpected 'loud'/);
  // A word that merely starts with `baseline` is not a baseline.
  assert.match(problem('p95 < baselines'), /p95 takes a duration, not 'baselines'/);
});
