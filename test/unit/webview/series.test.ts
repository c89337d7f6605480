// The panel's chart columns: a live run and a finished one draw the same lines, and the run's
// last, cut-short interval leaves a gap in the rate lines instead of a cliff.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HostMessage } from '../../../src/core/protocol/webview';
import type { IntervalSnapshot } from '../../../src/core/metrics/result';
import { initialState, reduce, restoreState } from '../../../webview-ui/state/reducer';
import { appendSnapshot, emptySeries, seriesFromIntervals } from '../../../src/core/report/chart-series';
import { result, snapshot } from './fixtures';

/** The engine's closing interval: `ms` after the previous one, with one request over that sliver. */
function sliver(after: IntervalSnapshot, ms: number): IntervalSnapshot {
  return { ...after, time: after.time + ms, elapsedMs: after.elapsedMs + ms, aggregate: { ...after.aggregate, requests: 1, failures: 1, rps: 1000 / ms, failuresPerSec: 1000 / ms } };
}

const full = [snapshot(1, 5, [['Home page', 30, 0]]), snapshot(2, 5, [['Home page', 38, 1]]), snapshot(3, 5, [['Home page', 37, 0]])];
const run = [...full, sliver(full[2] as IntervalSnapshot, 4)];

test('the last interval of 4 ms leaves a gap in RPS and failures/s; users and response times reach the end', () => {
  const series = seriesFromIntervals(run);
  assert.deepEqual(series.rps, [30, 38, 37, null]);
  assert.deepEqual(series.failuresPerSec, [0, 1, 0, null]);
  assert.equal(series.time.length, 4);
  assert.deepEqual(series.users, [5, 5, 5, 5]);
  assert.equal(series.p95.length, 4);
});

test('appending live gives the same columns as the finished run', () => {
  let live = emptySeries();
  run.forEach((interval, index) => {
    live = appendSnapshot(live, interval, run[index - 1]);
  });
  assert.deepEqual(live, seriesFromIntervals(run));
});

test('the reducer draws a live run the same way, and a stopped run’s last 0.6 s keeps its rate', () => {
  const started: HostMessage = { type: 'run/started', runId: 'r', heading: { title: 'a.load.http', plan: '' }, startTime: 1_700_000_000_000, load: { kind: 'users', users: 5 }, requestNames: ['Home page'] };
  const stoppedLate = { ...sliver(full[2] as IntervalSnapshot, 600), aggregate: { ...(full[2] as IntervalSnapshot).aggregate, requests: 24, rps: 40 } };
  const state = [...run, stoppedLate].reduce((s, interval) => reduce(s, { type: 'run/interval', runId: 'r', snapshot: interval }), reduce(initialState(), started));
  assert.deepEqual(state.series.rps, [30, 38, 37, null, 40]);
});

test('a saved state with a gap in its rate lines is restored; a gap elsewhere is not', () => {
  const finished = { ...result(), intervals: run };
  const state = reduce(initialState(), { type: 'result/show', origin: 'saved', heading: { title: 'a.load.http', plan: '' }, result: finished });
  const saved: unknown = JSON.parse(JSON.stringify(state));
  assert.deepEqual(restoreState(saved).series.rps, [30, 38, 37, null]);
  const broken = JSON.parse(JSON.stringify(state)) as { series: { users: Array<number | null> } };
  broken.series.users[0] = null;
  assert.equal(restoreState(broken).phase, 'empty');
});
