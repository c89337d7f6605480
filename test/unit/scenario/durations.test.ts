import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDuration } from '../../../src/core/scenario';
import { parseRate, parseThink } from '../../../src/core/scenario/durations';

test('parseDuration reads every unit, compounds and bare seconds', () => {
  assert.equal(parseDuration('250ms'), 250);
  assert.equal(parseDuration('30s'), 30_000);
  assert.equal(parseDuration('5m'), 300_000);
  assert.equal(parseDuration('1h'), 3_600_000);
  assert.equal(parseDuration('1h30m'), 5_400_000);
  assert.equal(parseDuration('1m30s'), 90_000);
  assert.equal(parseDuration('2s500ms'), 2_500);
  assert.equal(parseDuration('90'), 90_000);
  assert.equal(parseDuration('1.5'), 1_500);
  assert.equal(parseDuration('1.5s'), 1_500);
  assert.equal(parseDuration(' 10s '), 10_000);
  assert.equal(parseDuration('0'), 0);
});

test('parseDuration rejects malformed text', () => {
  for (const bad of ['', 's', '5x', '-5s', '5 s', '1h 30m', '5m5m', '1.s', 'ms', '.5s', '5sec', '1e3', 'Infinity']) {
    assert.equal(parseDuration(bad), undefined, bad);
  }
});

test('parseRate reads R/s only', () => {
  assert.equal(parseRate('10/s'), 10);
  assert.equal(parseRate('2.5/s'), 2.5);
  assert.equal(parseRate('10'), undefined);
  assert.equal(parseRate('10/m'), undefined);
  assert.equal(parseRate('/s'), undefined);
});

test('parseThink reads ranges and fixed times', () => {
  assert.deepEqual(parseThink('1s..2s'), { minMs: 1000, maxMs: 2000 });
  assert.deepEqual(parseThink('500ms'), { minMs: 500, maxMs: 500 });
  assert.deepEqual(parseThink('1..3'), { minMs: 1000, maxMs: 3000 });
  assert.ok('error' in parseThink('2s..1s'));
  assert.ok('error' in parseThink('1s..'));
  assert.ok('error' in parseThink('fast'));
});
