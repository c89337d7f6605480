import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HostMessage } from '../../../src/core/protocol/webview';
import { PanelContent } from '../../../src/vscode/panel/panel-content';
import { initialState, reduce } from '../../../webview-ui/state/reducer';
import { result, snapshot } from './fixtures';

const started: HostMessage = {
  type: 'run/started',
  runId: 'r1',
  heading: { title: 'h.load.http', plan: '2 users · 10s' },
  startTime: 1,
  load: { kind: 'users', users: 2 },
  requestNames: ['A'],
};
const interval = (second: number, runId = 'r1'): HostMessage => ({ type: 'run/interval', runId, snapshot: snapshot(second, 2, [['A', 5, 0]]) });

test('a webview that joins mid-run is replayed to where the panel is', () => {
  const content = new PanelContent();
  for (const message of [started, interval(1), interval(2), interval(9, 'other-run')]) content.remember(message);
  const replay = content.replay();
  assert.deepEqual(replay.map((m) => m.type), ['run/started', 'run/interval', 'run/interval']);
  const fresh = replay.reduce(reduce, initialState());
  assert.deepEqual(fresh.series.users, [2, 2]);
  assert.equal(content.result(), undefined, 'nothing to export while live');
});

test('after the run: the replay ends with the result, which is what Export writes', () => {
  const content = new PanelContent();
  const finished: HostMessage = { type: 'run/finished', runId: 'r1', result: result() };
  for (const message of [started, interval(1), finished]) content.remember(message);
  assert.equal(content.replay().at(-1), finished);
  assert.equal(content.result()?.result.aggregate.requests, 400);
  assert.equal(content.heading()?.title, 'h.load.http');
});

test('a saved run replaces the live one; a restored result counts only until the host has its own', () => {
  const content = new PanelContent();
  content.adoptRestored(result({ endTime: 5 }), { title: 'restored', plan: '' });
  assert.equal(content.result()?.heading?.title, 'restored');
  assert.deepEqual(content.replay(), [], 'the webview already shows it');
  content.remember({ type: 'result/show', origin: 'saved', heading: { title: 'saved', plan: '' }, result: result() });
  assert.equal(content.heading()?.title, 'saved');
  content.adoptRestored(result(), { title: 'late', plan: '' });
  assert.equal(content.heading()?.title, 'saved');
  content.remember(started);
  assert.equal(content.result(), undefined);
});
