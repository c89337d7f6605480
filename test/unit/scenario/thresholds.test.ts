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
