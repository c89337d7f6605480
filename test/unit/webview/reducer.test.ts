import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HostMessage } from '../../../src/core/protocol/webview';
import { initialState, reduce, restoreState, type PanelAction, type PanelState } from '../../../webview-ui/state/reducer';
import { progressFraction, progressText, visibleTable, verdictLine } from '../../../webview-ui/state/selectors';
import { result, snapshot } from './fixtures';

const started: HostMessage = {
  type: 'run/started',
  runId: 'r1',
  heading: { title: 'hospital.load.http', plan: '50 users · spawn 5/s · 2m · 2 tasks', host: 'http://127.0.0.1:8888' },
  startTime: 1_700_000_000_000,
  load: { kind: 'users', users: 50, spawnRate: 5, runTimeMs: 120_000 },
  plannedDurationMs: 120_000,
  requestNames: ['Home page', 'List hospitals'],
};

function play(actions: PanelAction[], from: PanelState = initialState()): PanelState {
  return actions.reduce(reduce, from);
}

test('a live run: started, intervals appended to the charts, the table follows the last interval', () => {
  const state = play([started, { type: 'run/interval', runId: 'r1', snapshot: snapshot(1, 5, [['Home page', 3, 0]]) }, { type: 'run/interval', runId: 'r1', snapshot: snapshot(2, 10, [['Home page', 6, 1]]) }]);
  assert.equal(state.phase, 'running');
  assert.deepEqual(state.series.users, [5, 10]);
  assert.deepEqual(state.series.rps, [3, 6]);
  assert.equal(visibleTable(state).rows[0]?.requests, 60);
  assert.match(progressText(state), /^Running · 0:02 \/ 2:00 · 10 users · 6 rps · 17% errors$/);
  assert.ok(Math.abs((progressFraction(state) ?? 0) - 2 / 120) < 1e-9);
});

test('before the first interval the table lists every request with zeros', () => {
  const state = play([started]);
  assert.deepEqual(visibleTable(state).rows.map((row) => row.name), ['Home page', 'List hospitals']);
  assert.equal(progressText(state), 'Starting · 0:00 / 2:00');
});

test('messages of another run are ignored', () => {
  const state = play([started, { type: 'run/interval', runId: 'old', snapshot: snapshot(1, 5, [['Home page', 3, 0]]) }, { type: 'run/finished', runId: 'old', result: result() }]);
  assert.equal(state.phase, 'running');
  assert.equal(state.series.time.length, 0);
});

test('the finished result replaces the live numbers, charts rebuilt from its intervals', () => {
  const state = play([started, { type: 'run/interval', runId: 'r1', snapshot: snapshot(1, 5, [['Home page', 3, 0]]) }, { type: 'run/finished', runId: 'r1', result: result() }]);
  assert.equal(state.phase, 'finished');
  assert.equal(state.heading?.title, 'hospital.load.http');
  assert.deepEqual(state.series.users, [5, 10]);
  assert.equal(visibleTable(state).rows[1]?.p95Ms, 812);
  assert.equal(verdictLine(state), '✗ 1 threshold broken');
  assert.equal(progressText(state), 'Completed · 2:00 · 400 requests · 40 rps · 0.5% errors');
});

test('a saved run and an imported one show the same way, sort order kept', () => {
  const sorted = reduce(initialState(), { type: 'ui/sort', column: 'p95Ms' });
  const saved = reduce(sorted, { type: 'result/show', origin: 'saved', heading: { title: 'hospital.load.http', plan: '' }, result: result() });
  const imported = reduce(sorted, { type: 'result/show', origin: 'imported', heading: { title: 'results', plan: '' }, result: result() });
  assert.deepEqual(visibleTable(saved), visibleTable(imported));
  assert.deepEqual(visibleTable(saved).rows.map((row) => row.name), ['List hospitals', 'Home page']);
  assert.equal(saved.origin, 'saved');
});

test('an abort and a failure are kept with the run', () => {
  const aborted = play([started, { type: 'run/threshold-abort', runId: 'r1', rule: 'p99 <= 1s error abort', target: 'aggregate' }]);
  assert.deepEqual(aborted.abortedBy, { rule: 'p99 <= 1s error abort', target: 'aggregate' });
  const failed = reduce(aborted, { type: 'run/failed', runId: 'r1', message: 'The engine stopped unexpectedly' });
  assert.equal(failed.phase, 'failed');
  assert.match(progressText(failed), /The engine stopped unexpectedly/);
});

test('the host\'s snapshot replaces whatever the webview had, and the sort order stays', () => {
  const sorted = play([started, { type: 'run/finished', runId: 'r1', result: result() }, { type: 'ui/sort', column: 'name' }]);
  const snapshot = { ...play([started]), phase: 'interrupted' as const };
  const after = reduce(sorted, { type: 'panel/snapshot', protocolVersion: 1, snapshot });
  assert.equal(after.phase, 'interrupted');
  assert.equal(after.result, undefined);
  assert.deepEqual(after.sort, sorted.sort);
});

test('saved state survives a JSON round trip; anything else starts fresh', () => {
  const state = play([started, { type: 'run/finished', runId: 'r1', result: result() }, { type: 'ui/sort', column: 'name' }]);
  const restored = restoreState(JSON.parse(JSON.stringify(state)));
  assert.deepEqual(restored, JSON.parse(JSON.stringify(state)));
  assert.equal(restoreState(undefined).phase, 'empty');
  assert.equal(restoreState({ ...state, version: 99 }).phase, 'empty');
  assert.equal(restoreState({ ...state, result: { nope: true } }).phase, 'empty');
  assert.equal(restoreState({ ...state, sort: { column: 'evil', descending: true } }).sort, undefined);
});
