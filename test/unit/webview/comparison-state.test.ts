// The comparison in the panel's state: shown only for the run on display, kept when the run's
// result arrives after it, saved for a reload and restored from what was saved.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HostMessage, PanelComparison } from '../../../src/core/protocol/webview';
import { persistedState } from '../../../webview-ui/state/persisted';
import { initialState, reduce, restoreState, type PanelAction, type PanelState } from '../../../webview-ui/state/reducer';
import { result } from './fixtures';

const START = 1_700_000_000_000;
const comparison: PanelComparison = {
  label: 'baseline (2026-11-30 03:10:04)',
  nextStartTime: START,
  sameScenario: true,
  rows: [{ cells: ['GET', 'List hospitals', 'p95', '36.4 ms', '43 ms', '+18%', '▲ worse'], mark: 'worse' }],
  method: 'A change is significant when…',
};
const started: HostMessage = {
  type: 'run/started',
  runId: 'r1',
  heading: { title: 'hospital.load.http', plan: '2 users', host: 'http://127.0.0.1:8888' },
  startTime: START,
  load: { kind: 'users', users: 2, spawnRate: 2, runTimeMs: 2_000 },
  requestNames: ['List hospitals'],
};

const play = (actions: PanelAction[], from: PanelState = initialState()): PanelState => actions.reduce(reduce, from);

test('a comparison that comes before the run result is kept when the result arrives', () => {
  const state = play([started, { type: 'comparison/show', comparison }, { type: 'run/finished', runId: 'r1', result: result({ startTime: START }) }]);
  assert.equal(state.phase, 'finished');
  assert.deepEqual(state.comparison, comparison);
});

test('a comparison of another run is dropped; a new run drops the old comparison', () => {
  const finished = play([started, { type: 'run/finished', runId: 'r1', result: result({ startTime: START }) }]);
  assert.equal(reduce(finished, { type: 'comparison/show', comparison: { ...comparison, nextStartTime: START - 1 } }).comparison, undefined);
  const compared = reduce(finished, { type: 'comparison/show', comparison });
  assert.deepEqual(compared.comparison, comparison);
  assert.equal(reduce(compared, { ...started, runId: 'r2', startTime: START + 60_000 } as HostMessage).comparison, undefined);
  assert.equal(reduce(compared, { type: 'result/show', origin: 'saved', heading: { title: 'x', plan: '' }, result: result({ startTime: START - 5 }) }).comparison, undefined);
});

test('the comparison is saved with the state and comes back after a reload', () => {
  const state = play([started, { type: 'run/finished', runId: 'r1', result: result({ startTime: START }) }, { type: 'comparison/show', comparison }]);
  const saved = JSON.parse(JSON.stringify(persistedState(state))) as unknown;
  assert.deepEqual(restoreState(saved).comparison, comparison);
  const tampered = { ...(saved as object), comparison: { ...comparison, rows: [{ cells: [{ toString: 1 }] }] } };
  assert.equal(restoreState(tampered).phase, 'empty', 'a saved comparison of the wrong shape is not drawn');
});
