import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  countOf,
  errorPercent,
  formatClock,
  formatCount,
  formatDuration,
  formatExactDuration,
  formatMs,
  formatMsNumber,
  formatPercent,
  formatRate,
  formatSuccessPercent,
  formatTimestamp,
} from '../../../src/core/present';

function readsAs(format: (value: number) => string, cases: Array<[number, string]>): void {
  for (const [value, text] of cases) assert.equal(format(value), text, `${format.name}(${value})`);
}

test('counts are grouped the English way whatever the locale', () => {
  readsAs(formatCount, [
    [4812, '4,812'],
    [1234567.6, '1,234,568'],
    [0, '0'],
  ]);
  assert.equal(countOf(1, 'request'), '1 request');
  assert.equal(countOf(4812, 'request'), '4,812 requests');
});

test('latencies stay in milliseconds, the unit of threshold rules, with precision where it matters', () => {
  readsAs(formatMs, [
    [0.423, '0.42 ms'],
    [3.44, '3.4 ms'],
    [3, '3 ms'],
    [212.4, '212 ms'],
    [12_300, '12,300 ms'],
    [Number.NaN, '–'],
  ]);
  assert.equal(formatMsNumber(12_300), '12,300');
});

test('percentages keep two decimals below 1% (the error-rate bands start at 0.1%)', () => {
  readsAs(formatPercent, [
    [0, '0%'],
    [0.001, '<0.01%'],
    [0.04, '0.04%'],
    [0.143, '0.14%'],
    [1, '1%'],
    [2.46, '2.5%'],
    [12.3, '12%'],
  ]);
});

test('rates keep one decimal below 100/s and none above', () => {
  readsAs(formatRate, [
    [0.333, '0.33'],
    [2.45, '2.5'],
    [12.5, '12.5'],
    [38, '38'],
    [292.2, '292'],
    [1234, '1,234'],
  ]);
});

test('error and success shares', () => {
  assert.equal(errorPercent(0, 0), 0);
  assert.equal(errorPercent(200, 1), 0.5);
  assert.equal(formatSuccessPercent(2000, 1), '99.95%');
  assert.equal(formatSuccessPercent(100_000, 1), '99.99%', 'never rounded up to 100% while a request failed');
  assert.equal(formatSuccessPercent(10, 0), '100%');
  assert.equal(formatSuccessPercent(0, 0), '–');
});

test('spans read as --run-time takes them', () => {
  readsAs(formatDuration, [
    [250, '250ms'],
    [45_000, '45s'],
    [90_000, '1m30s'],
    [600_000, '10m'],
    [3_920_000, '1h5m20s'],
  ]);
});

test('a configured limit reads exactly, never rounded', () => {
  readsAs(formatExactDuration, [
    [500, '500ms'],
    [5000, '5s'],
    [1500, '1500ms'],
    [90_000, '90s'],
  ]);
});

test('the stopwatch rounds to the nearest second and switches to hours past an hour', () => {
  readsAs(formatClock, [
    [1_500, '0:02'],
    [999, '0:01'],
    [42_400, '0:42'],
    [725_000, '12:05'],
    [3_723_000, '1:02:03'],
    [-5, '0:00'],
  ]);
});

test('moments read in UTC', () => {
  assert.equal(formatTimestamp(Date.UTC(2026, 10, 26, 17, 45, 3)), '2026-11-26 17:45:03 UTC');
});
