// The run controller against the real engine (dist/engine.js) and a real server on loopback:
// a run's events in order, stop, one run at a time, crashes in words, no engine left behind.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScenario } from '../../../src/core/scenario';
import { spawnEngine, type EngineHandle } from '../../../src/engine/spawn';
import { RunAlreadyActiveError, RunController, type RunEvent, type RunRequest } from '../../../src/vscode/run/run-controller';
import { ensureBuilt, startServer, type TestServer } from '../../engine/helpers';

let server: TestServer;
const spawned: EngineHandle[] = [];

before(async () => {
  ensureBuilt();
  // 5 ms per answer, so that the scenario's `p95 < 1ms` is broken on any machine.
  server = await startServer((_req, res) => {
    res.setHeader('content-type', 'text/plain');
    setTimeout(() => res.end('ok'), 5);
  });
});
after(async () => {
  for (const engine of spawned) engine.kill();
  await server.close();
});

/** `reported` collects what the controller tells the output channel about a failing listener. */
function controller(reported: string[] = []): RunController {
  return new RunController(
    () => {
      const engine = spawnEngine({ onLog: () => undefined });
      spawned.push(engine);
      return engine;
    },
    (text) => reported.push(text),
  );
}

function request(text: string, runId = `r-${Math.random().toString(36).slice(2)}`, secrets: string[] = []): RunRequest {
  return { runId, documentKey: 'file:///t.load.http', scenarioPath: '/tmp/t.load.http', scenarioText: text, scenario: parseScenario(text), options: {}, allowedFolders: ['/tmp'], heading: { title: 't.load.http', plan: '' }, secrets };
}

function scenario(runTime: string): string {
  return `# @host ${server.url}\n# @users 2\n# @run-time ${runTime}\n# @think 20ms\n# @threshold p95 < 1ms\n\n### Home\nGET /\n`;
}

function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function ended(control: RunController): Promise<Extract<RunEvent, { type: 'finished' | 'failed' }>> {
  return new Promise((resolve) => {
    const subscription = control.onEvent((event) => {
      if (event.type === 'finished' || event.type === 'failed') {
        subscription.dispose();
        resolve(event);
      }
    });
  });
}

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return condition();
}

test('a run goes starting, started, intervals, finished, and its engine exits', async () => {
  const control = controller();
  const seen: string[] = [];
  control.onEvent((event) => seen.push(event.type));
  const end = ended(control);
  const run = control.start(request(scenario('2s')));
  assert.equal(control.active, run);
  const last = await end;
  assert.equal(last.type, 'finished');
  if (last.type !== 'finished') return;
  assert.equal(last.result.outcome, 'completed');
  assert.ok(last.result.aggregate.requests > 0);
  assert.ok(last.result.thresholds.some((verdict) => !verdict.passed), 'p95 < 1ms cannot hold against a 5 ms server');
  assert.deepEqual([...new Set(seen)], ['starting', 'started', 'interval', 'finished']);
  assert.equal(control.active, undefined, 'the window is free for the next run');
  assert.ok(await until(() => !control.hasLivingEngine, 5000), 'the engine exited');
});

test('one run at a time; stop ends the run with its result and leaves no engine', async () => {
  const control = controller();
  const end = ended(control);
  control.start(request(scenario('1m')));
  assert.throws(() => control.start(request(scenario('1m'))), RunAlreadyActiveError);
  await until(() => control.active?.latest !== undefined, 5000);
  const pid = spawned.at(-1)?.pid;
  const stoppedAt = Date.now();
  assert.equal(control.stop(), true);
  const last = await end;
  // Generous bound for a busy machine; the engine is asked to end within 1 s.
  assert.ok(Date.now() - stoppedAt < 5000, `stopped after ${Date.now() - stoppedAt} ms`);
  assert.equal(last.type, 'finished');
  if (last.type === 'finished') assert.equal(last.result.outcome, 'stopped');
  assert.ok(await until(() => !alive(pid), 5000), 'no engine process remains');
});

test('an engine killed from outside is reported as a crash with what to do', async () => {
  const control = controller();
  const end = ended(control);
  control.start(request(scenario('1m')));
  await until(() => control.active?.phase === 'running', 5000);
  process.kill(spawned.at(-1)?.pid ?? 0, 'SIGKILL');
  const last = await end;
  assert.equal(last.type, 'failed');
  if (last.type === 'failed') assert.match(last.message, /^The load engine was killed \(SIGKILL\) after \d+:\d\d, without a result\. Its log is in the Loadlens output\./);
});

test('an engine error becomes the editor\'s words for it', async () => {
  const control = controller();
  const end = ended(control);
  control.start(request('# @users 1\n# @run-time 1s\n\n###\nGET /relative\n'));
  const last = await end;
  assert.equal(last.type, 'failed');
  if (last.type === 'failed') assert.match(last.message, /^No host for relative request URLs: .*Add `# @host http:\/\/\.\.\.` to the file, set `loadlens\.host`/);
});

test('dispose kills a running engine at once', async () => {
  const control = controller();
  control.start(request(scenario('1m')));
  await until(() => control.active?.phase === 'running', 5000);
  const pid = spawned.at(-1)?.pid;
  control.dispose();
  assert.equal(control.active, undefined);
  assert.ok(await until(() => !alive(pid), 3000), 'the engine is gone');
});

test('a listener that throws is reported once per error text, and the other listeners and the run go on', async () => {
  const reported: string[] = [];
  const control = controller(reported);
  const before: string[] = [];
  const after: string[] = [];
  control.onEvent((event) => before.push(event.type));
  // A view with a bug: it fails on every event, quoting a URL with credentials and a private value.
  control.onEvent((event) => {
    if (event.type === 'interval' || event.type === 'finished') throw new Error(`cannot show http://admin:hunter2@127.0.0.1:9/x with token s3cret-value (${event.type})`);
  });
  control.onEvent((event) => after.push(event.type));
  const end = ended(control);
  control.start(request(scenario('2s'), 'listener-run', ['s3cret-value']));
  const last = await end;
  assert.equal(last.type, 'finished', 'the run ends with its result');
  for (const seen of [before, after]) assert.deepEqual([...new Set(seen)], ['starting', 'started', 'interval', 'finished']);
  assert.ok(after.filter((type) => type === 'interval').length >= 2, 'several intervals reached the listener after the failing one');
  // Once per error text: every interval threw the same text, the finish another.
  assert.equal(reported.length, 2, reported.join('\n'));
  assert.match(reported[0] ?? '', /^A view of load test listener-run failed on its 'interval' event: Error: cannot show http:\/\/127\.0\.0\.1:9\/x with token \[private\] \(interval\)/);
  assert.match(reported[1] ?? '', /failed on its 'finished' event: Error: cannot show .*\(finished\)/);
  for (const text of reported) assert.doesNotMatch(text, /hunter2|admin|s3cret-value/);
});

test('a listener whose error text changes every time is reported a few times, then no more', async () => {
  const reported: string[] = [];
  const control = controller(reported);
  const seen: string[] = [];
  let failures = 0;
  control.onEvent(() => {
    failures++;
    throw new Error(`failure number ${failures}`);
  });
  control.onEvent((event) => seen.push(event.type));
  const end = ended(control);
  control.start(request(scenario('2s'), 'changing-run'));
  assert.equal((await end).type, 'finished');
  // starting, started, at least two intervals, finished: five failures or more, each with its own text.
  assert.ok(failures >= 5, `${failures} failures`);
  assert.equal(seen.length, failures, 'the other listener got every event');
  assert.equal(reported.length, 4, reported.join('\n'));
  assert.match(reported[3] ?? '', /failure number 4.*its further failures are not reported/s);
  assert.doesNotMatch(reported.join('\n'), /failure number 5/);
});
