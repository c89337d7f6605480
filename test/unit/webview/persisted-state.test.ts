// What the webview saves (vscode.setState): only what it draws, bounded for a long run, and still
// a state the next webview can restore and draw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHistogram, encodeHistogram, recordMicros } from '../../../src/core/metrics/histogram';
import type { HostMessage } from '../../../src/core/protocol/webview';
import { MAX_SAVED_POINTS, persistedState } from '../../../webview-ui/state/persisted';
import { initialState, reduce, restoreState, type PanelState } from '../../../webview-ui/state/reducer';
import { visibleTable } from '../../../webview-ui/state/selectors';
import { endpoint, result, snapshot } from './fixtures';

/** A real encoded latency histogram of `samples` spread values, as the engine writes it. */
function histogramOf(samples: number): string {
  const histogram = createHistogram();
  for (let i = 0; i < samples; i++) recordMicros(histogram, 1_000 + ((i * 7919) % 2_000_000));
  return encodeHistogram(histogram);
}

/** A one-hour run (3600 one-second intervals) of four requests, with real histograms. */
function oneHourResult() {
  const names = ['Home page', 'List hospitals', 'Create a hospital', 'Admit a patient'];
  const intervals = Array.from({ length: 3600 }, (_, i) => snapshot(i + 1, 50, names.map((name) => [name, 40 + (i % 13), i % 17 === 0 ? 1 : 0] as [string, number, number])));
  return result({
    endTime: 1_700_000_000_000 + 3_600_000,
    load: { kind: 'users', users: 50, spawnRate: 5, runTimeMs: 3_600_000 },
    endpoints: names.map((name) => endpoint(name, 'GET', { histogram: histogramOf(20_000) })),
    aggregate: endpoint('Aggregated', '', { histogram: histogramOf(80_000) }),
    intervals,
  });
}

function bytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}

test('a finished one-hour run is saved without histograms or intervals, in bounded size', () => {
  const full = oneHourResult();
  const state = reduce(initialState(), { type: 'result/show', origin: 'imported', heading: { title: 'locust', plan: 'imported' }, result: full });
  const saved = persistedState(state);
  assert.deepEqual(saved.result?.intervals, []);
  assert.ok([saved.result!.aggregate, ...saved.result!.endpoints].every((stats) => stats.histogram === ''), 'no encoded histogram is saved');
  assert.ok(saved.series.time.length <= MAX_SAVED_POINTS + 1, `${saved.series.time.length} chart points saved`);
  assert.equal(saved.series.time.at(-1), state.series.time.at(-1), 'the last point is kept');
  // The unsaved state carries the whole run: the saved one is a small part of it, and small in itself.
  const savedBytes = bytes(saved);
  assert.ok(bytes(state) > 10 * savedBytes, `full ${bytes(state)} bytes, saved ${savedBytes}`);
  assert.ok(savedBytes < 100_000, `saved state is ${savedBytes} bytes`);
  // The saved state is not changed by saving: the open webview keeps drawing its full series.
  assert.equal(state.series.time.length, 3600);
  assert.equal(state.result?.intervals.length, 3600);
});

test('a live one-hour run is saved with a bounded series too', () => {
  let state: PanelState = reduce(initialState(), {
    type: 'run/started',
    runId: 'r',
    heading: { title: 'long.load.http', plan: '50 users' },
    startTime: 1_700_000_000_000,
    load: { kind: 'users', users: 50 },
    requestNames: ['Home page'],
  });
  for (let second = 1; second <= 3600; second++) state = reduce(state, { type: 'run/interval', runId: 'r', snapshot: snapshot(second, 50, [['Home page', 40, 0]]) } satisfies HostMessage);
  const saved = persistedState(state);
  assert.ok(saved.series.time.length <= MAX_SAVED_POINTS + 1);
  assert.ok(bytes(saved) < 50_000, `saved state is ${bytes(saved)} bytes`);
});

test('the saved state restores and draws the same table, thresholds and failures', () => {
  const state = reduce(initialState(), { type: 'result/show', origin: 'saved', heading: { title: 'hospital.load.http', plan: '50 users' }, result: oneHourResult() });
  const restored = restoreState(JSON.parse(JSON.stringify(persistedState(state))));
  assert.equal(restored.phase, 'finished');
  assert.deepEqual(visibleTable(restored), visibleTable(state));
  assert.deepEqual(restored.result?.thresholds, state.result?.thresholds);
  assert.deepEqual(restored.result?.failures, state.result?.failures);
});

test('a short run is saved with every chart point', () => {
  const state = reduce(initialState(), { type: 'result/show', origin: 'saved', heading: { title: 'a', plan: 'b' }, result: result() });
  assert.deepEqual(persistedState(state).series, state.series);
});
