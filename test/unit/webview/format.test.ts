import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorPercent, formatClock, formatCount, formatMs, formatPercent, formatRate } from '../../../webview-ui/state/format';

test('counts are grouped the English way whatever the locale', () => {
  assert.equal(formatCount(4812), '4,812');
  assert.equal(formatCount(1234567.6), '1,234,568');
  assert.equal(formatCount(0), '0');
});

test('milliseconds keep one decimal only below 10 ms', () => {
  assert.equal(formatMs(3.44), '3.4 ms');
  assert.equal(formatMs(3), '3 ms');
  assert.equal(formatMs(212.4), '212 ms');
  assert.equal(formatMs(4812), '4,812 ms');
  assert.equal(formatMs(Number.NaN), '–');
});

test('percentages drop trailing zeros and keep small shares visible', () => {
  assert.equal(formatPercent(0), '0%');
  assert.equal(formatPercent(0.04), '0.04%');
  assert.equal(formatPercent(0.4), '0.4%');
  assert.equal(formatPercent(1), '1%');
  assert.equal(formatPercent(12.3), '12%');
});

test('rates read like Locust\'s RPS column', () => {
  assert.equal(formatRate(2.45), '2.5');
  assert.equal(formatRate(38.2), '38');
  assert.equal(formatRate(1234), '1,234');
});

test('error share is 0 when nothing was sent', () => {
  assert.equal(errorPercent(0, 0), 0);
  assert.equal(errorPercent(200, 1), 0.5);
});

test('clock switches to hours past an hour', () => {
  assert.equal(formatClock(42_900), '0:42');
  assert.equal(formatClock(725_000), '12:05');
  assert.equal(formatClock(3_723_000), '1:02:03');
  assert.equal(formatClock(-5), '0:00');
});
