import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { failuresCsv, historyCsv, htmlReport, importLocustCsv, parseResultJson, resultJson, statsCsv } from '../../../src/core/report';
import { histogramPercentileMs } from '../../../src/core/analysis';
import type { RunResult } from '../../../src/core/metrics/result';

const fixture = (name: string): string => readFileSync(join(__dirname, '../../fixtures/locust', name), 'utf8');
const stats = fixture('results_stats.csv');
const failures = fixture('results_failures.csv');
const history = fixture('results_stats_history.csv');

function imported(files: Parameters<typeof importLocustCsv>[0]): RunResult {
  const outcome = importLocustCsv(files, 'results');
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.message);
  return outcome.result;
}

function failure(files: Parameters<typeof importLocustCsv>[0]): string {
  const outcome = importLocustCsv(files, 'results');
  assert.equal(outcome.ok, false);
  return outcome.ok ? '' : outcome.message;
}

describe('importLocustCsv', () => {
  const result = imported({ stats, failures, history });

  it('reads every request name and the Aggregated row', () => {
    assert.deepEqual(result.endpoints.map((e) => [e.method, e.name, e.requests, e.failures]), [
      ['GET', '/', 1873, 0],
      ['GET', '/hospital', 1121, 3],
      ['POST', '/hospital', 374, 0],
      ['POST', '/patient', 371, 19],
    ]);
    const { aggregate } = result;
    assert.deepEqual([aggregate.method, aggregate.name, aggregate.requests, aggregate.failures, aggregate.medianMs, aggregate.rps], ['', 'Aggregated', 3739, 22, 62, 62.50007493737133]);
    assert.equal(aggregate.percentiles['99.9'], 1900);
    assert.equal(aggregate.minMs, 3.8174999999999955);
  });

  it('reads failures, with Locust\'s quoted error texts', () => {
    assert.equal(result.failures.length, 4);
    assert.deepEqual(result.failures[1], { method: 'POST', name: '/patient', error: 'CatchResponseError("Expected status 201, got 500: {\'error\': \'redis timeout\'}")', occurrences: 6 });
  });

  it('reads the history: one snapshot per second, window percentiles, N/A as no sample', () => {
    assert.equal(result.intervals.length, 61);
    const [first, second] = result.intervals;
    assert.equal(first?.aggregate.window['95'], 0);
    assert.equal(first?.aggregate.total.requests, 0);
    assert.equal(second?.elapsedMs, 1000);
    assert.equal(second?.users, 10);
    assert.equal(second?.aggregate.requests, 8);
    assert.equal(second?.aggregate.failures, 1);
    assert.equal(result.startTime, 1764150000_000);
    assert.equal(result.endTime, 1764150060_000);
    assert.deepEqual(result.load, { kind: 'users', users: 100, runTimeMs: 60_000 });
  });

  it('rebuilds histograms whose percentiles are the ones Locust reported', () => {
    const home = result.endpoints[0];
    assert.ok(home);
    for (const p of [50, 90, 95, 99]) {
      const rebuilt = histogramPercentileMs(home.histogram, p) ?? NaN;
      const reported = home.percentiles[String(p)] ?? NaN;
      assert.ok(Math.abs(rebuilt - reported) <= reported * 0.005 + 0.05, `p${p}: rebuilt ${rebuilt}, Locust ${reported}`);
    }
  });

  it('writes the same three files back, byte for byte', () => {
    assert.equal(statsCsv(result), stats);
    assert.equal(failuresCsv(result), failures);
    assert.equal(historyCsv(result, false), history);
  });

  it('derives insights, so the panel shows them as for our runs', () => {
    const patient = result.insights.find((i) => i.kind === 'error-rate' && i.target === '/patient');
    assert.equal(patient?.severity, 'critical');
    const timeout = result.insights.find((i) => i.kind === 'timeouts');
    assert.equal(timeout?.target, '/patient');
    assert.ok(htmlReport(result).includes('<h1>results</h1>'));
  });

  it('is a valid result for run history (the JSON reads back the same)', () => {
    const back = parseResultJson(resultJson(result));
    assert.ok(back.ok, back.ok ? '' : back.message);
    assert.deepStrictEqual(back.result, result);
  });

  it('reads the failures file of Locust 2.44+, which has First Seen and Last Seen columns', () => {
    const newer = imported({ stats, failures: fixture('locust-2.44_failures.csv') });
    assert.deepEqual(newer.failures.map((f) => [f.name, f.occurrences]), [['/patient', 12], ['/hospital', 3]]);
  });

  it('without a history, takes the duration from requests / (requests/s) and leaves the start unknown', () => {
    const statsOnly = imported({ stats });
    assert.equal(statsOnly.intervals.length, 0);
    assert.equal(statsOnly.startTime, 0);
    assert.equal(statsOnly.endTime, Math.round((3739 / 62.50007493737133) * 1000));
    assert.deepEqual(statsOnly.load, { kind: 'users', users: 0 });
    assert.ok(htmlReport(statsOnly).includes('start time unknown, 1m'));
    assert.ok(!htmlReport(statsOnly).includes('1970'));
  });

  it('explains what is wrong instead of throwing', () => {
    assert.equal(failure({ stats: '' }), "stats CSV is empty: expected Locust's header row");
    assert.equal(failure({ stats: 'Type,Name,Request Count\r\nGET,/,3\r\n' }), "stats CSV does not look like Locust's: missing columns 'Failure Count', 'Median Response Time', 'Average Response Time', 'Min Response Time', 'Max Response Time', 'Average Content Size', 'Requests/s', 'Failures/s'");
    const noAggregate = stats.split('\r\n').filter((line) => !line.includes('Aggregated')).join('\r\n');
    assert.equal(failure({ stats: noAggregate }), "stats CSV has no 'Aggregated' row: is it a complete Locust _stats.csv file?");
    assert.equal(failure({ stats: stats.replace('1873', 'lots') }), "stats CSV, row 2 (/): 'Request Count' is 'lots', not a number");
    assert.equal(failure({ stats, history: stats }), "stats history CSV does not look like Locust's: missing columns 'Timestamp', 'User Count', 'Total Request Count', 'Total Failure Count', 'Total Median Response Time', 'Total Average Response Time', 'Total Min Response Time', 'Total Max Response Time', 'Total Average Content Size'");
    assert.equal(failure({ stats: `${stats}GET,"/never closed,1\r\n` }), 'stats CSV: a quoted field that starts before line 8 never ends');
  });
});
