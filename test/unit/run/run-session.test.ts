// The run session is the one owner of a run's state on the host: it takes the engine's events and
// keeps the latest interval and a compact series; a webview that joins (first load, shown again,
// restored) gets one snapshot of it, which must draw what replaying every message would have.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EngineEvent } from '../../../src/core/protocol/engine';
import type { HostMessage, PanelSnapshot } from '../../../src/core/protocol/webview';
import { compareResults } from '../../../src/core/comparison';
import { formatTimestamp } from '../../../src/core/present';
import { seriesFromIntervals } from '../../../src/core/report/chart-series';
import { resultSnapshot } from '../../../src/core/report/panel-snapshot';
import { parseScenario } from '../../../src/core/scenario';
import { PanelShown } from '../../../src/vscode/panel/panel-shown';
import { RunSession, type RunRequest } from '../../../src/vscode/run/run-session';
import { initialState, reduce } from '../../../webview-ui/state/reducer';
import { snapshot as intervalAt } from '../webview/fixtures';
import { recordedRun } from '../webview/recorded-run';

const { live, finished } = recordedRun();
const started = live[0] as Extract<HostMessage, { type: 'run/started' }>;

function request(): RunRequest {
  return { runId: started.runId, documentKey: 'file:///h.load.http', scenarioPath: '/h.load.http', scenarioText: '', scenario: parseScenario(''), options: {}, allowedFolders: [], heading: started.heading };
}

/** The engine's side of the recorded run's panel messages. */
function engineEvents(messages: HostMessage[]): EngineEvent[] {
  return messages.map((message): EngineEvent => {
    switch (message.type) {
      case 'run/started':
        return { type: 'run/started', runId: message.runId, startTime: message.startTime, load: message.load, plannedDurationMs: message.plannedDurationMs, requestNames: message.requestNames };
      case 'run/interval':
      case 'run/finished':
      case 'run/threshold-abort':
        return message;
      default:
        throw new Error(`not an engine event: ${message.type}`);
    }
  });
}

/** What a webview that saw every message from the start holds, without its own fields. */
function replayed(messages: HostMessage[]): PanelSnapshot {
  const { version: _version, sort: _sort, ...state } = messages.reduce(reduce, initialState());
  return JSON.parse(JSON.stringify(state)) as PanelSnapshot;
}

function sessionAfter(events: EngineEvent[]): RunSession {
  const session = new RunSession(request());
  for (const event of events) session.apply(event);
  return session;
}

test('mid-run, one snapshot draws what a replay of every message drew', () => {
  const session = sessionAfter(engineEvents(live));
  const snapshot = JSON.parse(JSON.stringify(session.panelSnapshot())) as PanelSnapshot;
  assert.deepEqual(snapshot, replayed(live));
  assert.equal(snapshot.series.time.length, 30);
  assert.equal(snapshot.latest?.elapsedMs, 30_000);
  // The session keeps the latest interval and the series, not every interval: the snapshot is a
  // fraction of the replay it replaces.
  const replaySize = JSON.stringify(live).length;
  const snapshotSize = JSON.stringify(snapshot).length;
  assert.ok(snapshotSize * 5 < replaySize, `snapshot ${snapshotSize} bytes against a replay of ${replaySize}`);
  assert.ok(!Object.values(session).some((value) => Array.isArray(value) && value.length === 30), 'no list of intervals on the session');
});

test('after the run, the snapshot is the result, as the webview shows it', () => {
  const session = sessionAfter(engineEvents([...live, ...finished]));
  assert.equal(session.phase, 'finished');
  const snapshot = JSON.parse(JSON.stringify(session.panelSnapshot())) as PanelSnapshot;
  assert.deepEqual(snapshot, replayed([...live, ...finished]));
  assert.equal(snapshot.phase, 'finished');
});

test('another run\'s events, log lines and anything after the end change nothing', () => {
  const session = sessionAfter(engineEvents(live));
  const before = JSON.stringify(session.panelSnapshot());
  assert.equal(session.apply({ type: 'run/interval', runId: 'other', snapshot: (live[1] as Extract<HostMessage, { type: 'run/interval' }>).snapshot }), false);
  assert.equal(session.apply({ type: 'run/log', level: 'info', message: 'hello' }), false);
  assert.equal(JSON.stringify(session.panelSnapshot()), before);
  session.fail('The engine stopped unexpectedly');
  assert.equal(session.apply(engineEvents(finished)[0]!), false);
  assert.deepEqual([session.panelSnapshot().phase, session.panelSnapshot().failure], ['failed', 'The engine stopped unexpectedly']);
});

test('the panel shows this window\'s session, or a snapshot; a saved live view is interrupted', () => {
  const shown = new PanelShown();
  assert.equal(shown.snapshot(), undefined);
  shown.showSnapshot(replayed(live));
  assert.equal(shown.snapshot()?.phase, 'interrupted', 'a reload ended the run it was showing');
  assert.equal(shown.result(), undefined, 'nothing to export');
  const done = finished[0] as Extract<HostMessage, { type: 'run/finished' }>;
  shown.showSnapshot(resultSnapshot('saved', { title: 'saved.load.http', plan: '' }, done.result));
  assert.equal(shown.result()?.result, done.result, 'Export writes the result on display');
  const session = sessionAfter(engineEvents(live.slice(0, 3)));
  shown.showRun(session);
  assert.equal(shown.snapshot()?.phase, 'running');
  session.apply(engineEvents(live.slice(3, 4))[0]!);
  assert.equal(shown.snapshot()?.series.time.length, 3, 'a view of the session: it moves with it');
  assert.equal(shown.heading()?.title, started.heading.title);
});

test('a long run appends each interval in constant time: 100,000 intervals well under the bound, the same series', () => {
  const session = new RunSession(request());
  session.apply(engineEvents(live.slice(0, 1))[0]!);
  const intervals = Array.from({ length: 100_000 }, (_, second) => intervalAt(second + 1, 1 + (second % 7), [['Home page', second % 50, second % 3]]));
  // Copying the whole series every interval takes minutes for this many; appending takes
  // milliseconds. The bound is generous for a loaded machine, and checked as it goes so that
  // the old behaviour fails in seconds rather than running on.
  const boundMs = 5_000;
  const began = performance.now();
  intervals.forEach((interval, index) => {
    session.apply({ type: 'run/interval', runId: started.runId, snapshot: interval });
    if (index % 1000 === 0) assert.ok(performance.now() - began < boundMs, `only ${index} of 100,000 intervals appended in ${boundMs} ms`);
  });
  assert.ok(performance.now() - began < boundMs);
  const series = session.panelSnapshot().series;
  assert.deepEqual(series, seriesFromIntervals(intervals));
  assert.equal(series.time.length, 100_000);
  assert.deepEqual([series.time[99_999], series.users[99_999], series.rps[99_999], series.p95[99_999]], [(1_700_000_000_000 + 100_000 * 1000) / 1000, 1 + (99_999 % 7), 99_999 % 50, 100 + 100_000]);
});

test('a run with a baseline is compared with it as it finishes; without one it is not', () => {
  const done = finished[0] as Extract<HostMessage, { type: 'run/finished' }>;
  const baseline = { ...done.result, startTime: done.result.startTime - 3_600_000 };
  const withBaseline = new RunSession({ ...request(), baseline: { result: baseline, file: '/b.json' } });
  for (const event of engineEvents([...live, ...finished])) withBaseline.apply(event);
  assert.deepEqual(withBaseline.comparison, { comparison: compareResults(baseline, done.result), label: `baseline (${formatTimestamp(baseline.startTime)})` });
  assert.equal(sessionAfter(engineEvents([...live, ...finished])).comparison, undefined);
});
