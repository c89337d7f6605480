import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyTable, nextSort, sortRows, STATS_COLUMNS, tableFromResult, tableFromSnapshot } from '../../../webview-ui/state/stats-rows';
import { result, snapshot } from './fixtures';
import type { EndpointStats, IntervalStats } from '../../../src/core/metrics/result';
import { statsCellText, type StatsRow } from '../../../src/core/present/stats-row';

test('the table has Locust\'s web UI columns in Locust\'s order, then the protocol', () => {
  assert.deepEqual(
    STATS_COLUMNS.map((column) => column.liveLabel ?? column.label),
    ['Type', 'Name', '# Requests', '# Fails', 'Median (ms)', '95%ile (ms)', '99%ile (ms)', 'Average (ms)', 'Min (ms)', 'Max (ms)', 'Average size (bytes)', 'Current RPS', 'Current Failures/s', 'Protocol'],
  );
});

test('the protocol cell names each protocol a request name saw, live and finished; none reads as a dash', () => {
  const finished = result();
  finished.endpoints[0] = { ...(finished.endpoints[0] as EndpointStats), protocols: ['HTTP/1.1', 'HTTP/2'] };
  const table = tableFromResult(finished);
  assert.equal(statsCellText(table.rows[0] as StatsRow, 'protocol'), 'HTTP/1.1, HTTP/2');
  assert.equal(statsCellText(table.rows[1] as StatsRow, 'protocol'), '–');
  const live = snapshot(5, 10, [['Home page', 7, 1], ['List hospitals', 3, 0]]);
  live.endpoints[1] = { ...(live.endpoints[1] as IntervalStats), protocols: ['HTTP/2'] };
  assert.equal(tableFromSnapshot(live).rows[1]?.protocol, 'HTTP/2');
  assert.equal(tableFromSnapshot(live).rows[0]?.protocol, '–');
  assert.equal(emptyTable(['a']).rows[0]?.protocol, '–');
});

test('a finished result gives one row per request and the aggregate apart', () => {
  const table = tableFromResult(result());
  assert.deepEqual(table.rows.map((row) => row.name), ['Home page', 'List hospitals']);
  assert.equal(table.rows[1]?.p95Ms, 812);
  assert.equal(table.rows[0]?.avgBytes, 40, '12,000 bytes over 300 requests');
  assert.equal(table.aggregate?.name, 'Aggregated');
});

test('a live snapshot takes cumulative counts and windowed percentiles', () => {
  const table = tableFromSnapshot(snapshot(5, 10, [['Home page', 7, 1]]));
  const row = table.rows[0];
  assert.equal(row?.requests, 70, 'total, not the last second');
  assert.equal(row?.rps, 7, 'the last second');
  assert.equal(row?.p95Ms, 105);
});

test('before the first interval every request already has a row', () => {
  assert.deepEqual(emptyTable(['A', 'B']).rows.map((row) => [row.name, row.requests]), [['A', 0], ['B', 0]]);
});

test('sorting: numbers by value, text ignoring case, ties in scenario order', () => {
  const rows = tableFromResult(result({})).rows;
  const withTie = [...rows, { ...rows[0]!, name: 'apple', p95Ms: 60 }];
  assert.deepEqual(sortRows(withTie, { column: 'p95Ms', descending: true }).map((row) => row.name), ['List hospitals', 'Home page', 'apple']);
  assert.deepEqual(sortRows(withTie, { column: 'name', descending: false }).map((row) => row.name), ['apple', 'Home page', 'List hospitals']);
  assert.deepEqual(sortRows(withTie, undefined).map((row) => row.name), ['Home page', 'List hospitals', 'apple']);
});

test('a first click sorts numbers slowest-first and names A-Z; a second click flips', () => {
  assert.deepEqual(nextSort(undefined, 'p95Ms'), { column: 'p95Ms', descending: true });
  assert.deepEqual(nextSort(undefined, 'name'), { column: 'name', descending: false });
  assert.deepEqual(nextSort({ column: 'name', descending: false }, 'name'), { column: 'name', descending: true });
});
