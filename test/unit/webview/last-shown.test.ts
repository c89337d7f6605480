// The host's note of the run the panel showed last, and when it beats the webview's saved state
// after a reload (VS Code saves webview state on its own schedule, so that state may be older).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asPanelSnapshot, type HostMessage, type PanelSnapshot, type RunHeading } from '../../../src/core/protocol/webview';
import { asLastShown, lastShownAfter, savedStateIsBehind, type LastShown } from '../../../src/vscode/panel/last-shown';
import { initialState, reduce, type PanelState } from '../../../webview-ui/state/reducer';
import { result, snapshot } from './fixtures';

const heading: RunHeading = { title: 'e2e-stop.load.http', plan: '5 users · spawn 5/s · 10m', host: 'http://127.0.0.1:1' };
const olderRun = { ...result(), startTime: 1_700_000_000_000 };
const newerRun = { ...result(), startTime: 1_700_000_060_000, outcome: 'stopped' as const };
const started: HostMessage = { type: 'run/started', runId: 'new', heading, startTime: newerRun.startTime, load: newerRun.load, requestNames: ['Home page'] };

/** The webview's state after these messages, as it would have saved it. */
function saved(...messages: HostMessage[]): PanelSnapshot | undefined {
  return asPanelSnapshot(JSON.parse(JSON.stringify(messages.reduce<PanelState>(reduce, initialState()))));
}

const olderShown = saved({ type: 'result/show', origin: 'live', heading: { ...heading, title: 'e2e-run.load.http' }, result: olderRun });
const newerLive = saved(started, { type: 'run/interval', runId: 'new', snapshot: snapshot(1, 5, [['Home page', 3, 0]]) });
const newerFinished = saved(started, { type: 'run/finished', runId: 'new', result: newerRun });

test('the note follows what the panel shows: a run starting, its end, a saved or imported result', () => {
  assert.deepEqual(lastShownAfter(started, undefined), { origin: 'live', heading, startTime: newerRun.startTime, finished: false });
  assert.deepEqual(lastShownAfter({ type: 'run/finished', runId: 'new', result: newerRun }, heading), { origin: 'live', heading, startTime: newerRun.startTime, finished: true });
  assert.deepEqual(lastShownAfter({ type: 'result/show', origin: 'saved', heading, result: olderRun }, undefined), { origin: 'saved', heading, startTime: olderRun.startTime, finished: true });
  assert.equal(lastShownAfter({ type: 'run/interval', runId: 'new', snapshot: snapshot(1, 5, []) }, heading), undefined);
  assert.equal(lastShownAfter({ type: 'run/failed', runId: 'new', message: 'crashed' }, heading), undefined);
});

test('a saved state older than the note loses; the same run, finished, stands', () => {
  const last: LastShown = { origin: 'live', heading, startTime: newerRun.startTime, finished: true };
  assert.equal(savedStateIsBehind(olderShown, last), true, 'the run before the last one');
  assert.equal(savedStateIsBehind(newerLive, last), true, 'the last run, saved while it was still live');
  assert.equal(savedStateIsBehind(undefined, last), true, 'nothing saved');
  assert.equal(savedStateIsBehind(newerFinished, last), false);
});

test('a run interrupted by the reload stays as the webview saved it', () => {
  assert.equal(savedStateIsBehind(newerLive, { origin: 'live', heading, startTime: newerRun.startTime, finished: false }), false);
});

test('a note from storage is checked before it is used', () => {
  const note: LastShown = { origin: 'saved', heading, startTime: 5, finished: true };
  assert.deepEqual(asLastShown(JSON.parse(JSON.stringify(note))), note);
  assert.equal(asLastShown({ ...note, origin: 'remote' }), undefined);
  assert.equal(asLastShown({ ...note, startTime: 'yesterday' }), undefined);
  assert.equal(asLastShown({ ...note, heading: { title: 3 } }), undefined);
  assert.equal(asLastShown(undefined), undefined);
});
