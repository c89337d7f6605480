// Hard stops: SIGINT and SIGTERM to the CLI, to the engine, or to the whole process group (as a
// terminal's Ctrl-C, `timeout`, CI and Kubernetes send them), in each phase of a run. Every one
// stops the run as Ctrl-C does and writes every report within 2 s (docs/cli.md);
// only a second, separate interrupt quits at once.

import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RunResult } from '../../src/core/metrics/result';
import { brokeErrorThreshold } from '../../src/cli/summary';
import { CLI, ensureBuilt, startCli, tempDir, type RunningCli } from './helpers';
import { connecting, engineOf, startStalledListener, until, type StalledListener } from './processes';
import { answer, startServer, type TestServer } from './servers';

/** The spec's bound from the signal to the reports on disk. */
const REPORTS_WITHIN_MS = 2000;

type Target = 'cli' | 'engine' | 'group';
type Phase = 'pre-connect' | 'ramp' | 'steady' | 'stop-timeout';

describe('signals during loadlens run', { concurrency: 3 }, () => {
  const dir = tempDir();
  let quick: TestServer;
  let hanging: TestServer;
  let stalled: StalledListener;
  before(async () => {
    ensureBuilt();
    quick = await startServer(answer(200));
    // Never answers: iterations are still running when the run's planned end comes.
    hanging = await startServer(() => undefined);
    stalled = await startStalledListener();
  });
  after(async () => {
    stalled.close();
    await Promise.all([quick.close(), hanging.close()]);
    dir.remove();
  });

  const scenarios: Record<Phase, () => { lines: string[]; host: string }> = {
    'pre-connect': () => ({ lines: ['# @users 10', '# @run-time 1h'], host: stalled.url }),
    ramp: () => ({ lines: ['# @users 50', '# @spawn-rate 2', '# @run-time 1h', '# @think 100ms'], host: quick.url }),
    steady: () => ({ lines: ['# @users 2', '# @run-time 1h', '# @think 100ms'], host: quick.url }),
    'stop-timeout': () => ({ lines: ['# @users 2', '# @run-time 1s', '# @stop-timeout 1h', '# @timeout 1h'], host: hanging.url }),
  };

  /** Resolves once the run is in `phase`. */
  async function reach(phase: Phase, cli: RunningCli, hangingBefore: number): Promise<void> {
    switch (phase) {
      case 'pre-connect':
        // The engine is connecting to the stalled listener: its clock cannot start before the
        // pre-connect timeout.
        return;
      case 'ramp':
      case 'steady':
        await cli.waitFor(/\[0:0\d\/1:00:00\] users/);
        return;
      case 'stop-timeout':
        // Both users wait on the hanging server; the 1 s run time ends while they do. The outcome
        // ('completed', asserted below) proves that the signal came after the planned end.
        await until(() => hanging.requests >= hangingBefore + 2, 'two requests at the hanging server');
        await new Promise((resolve) => setTimeout(resolve, 2500));
        return;
    }
  }

  const cases: Array<[Phase, Target, NodeJS.Signals]> = [];
  for (const phase of ['pre-connect', 'ramp', 'steady', 'stop-timeout'] as const) {
    for (const target of ['cli', 'engine', 'group'] as const) {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) cases.push([phase, target, signal]);
    }
  }

  for (const [phase, target, signal] of cases) {
    it(`${signal} to the ${target} in the ${phase} phase stops the run and writes every report`, async () => {
      const name = `${phase}-${target}-${signal}`;
      const { lines, host } = scenarios[phase]();
      const file = dir.file(`${name}.load.http`, [...lines, '', '### Home', 'GET /', ''].join('\n'));
      const out = join(dir.path, name);
      const reports = [`${out}.json`, `${out}.html`, `${out}_stats.csv`, `${out}_failures.csv`, `${out}_stats_history.csv`];
      const hangingBefore = hanging.requests;
      const cli = startCli(['run', file, '-H', host, '--json', `${out}.json`, '--html', `${out}.html`, '--csv', out], {
        ownProcessGroup: true,
        timeoutMs: 60_000,
      });
      const cliPid = cli.pid as number;
      const engine = await engineOf(cliPid);
      // Connections mean the engine took its run/start, after the CLI and the engine set up their
      // signal handling; then the phase.
      await connecting(engine);
      await reach(phase, cli, hangingBefore);

      const signalledAt = Date.now();
      if (target === 'cli') process.kill(cliPid, signal);
      else if (target === 'engine') process.kill(engine, signal);
      else cli.killGroup(signal);
      const { code, stdout, stderr } = await cli.done;

      for (const path of reports) assert.ok(existsSync(path), `${path} written\n${stderr}`);
      const writtenAfterMs = statSync(`${out}.json`).mtimeMs - signalledAt;
      assert.ok(writtenAfterMs < REPORTS_WITHIN_MS, `reports written ${Math.round(writtenAfterMs)} ms after the signal`);
      const result = JSON.parse(readFileSync(`${out}.json`, 'utf8')) as RunResult;
      assert.equal(result.outcome, phase === 'stop-timeout' ? 'completed' : 'stopped');
      if (phase === 'pre-connect') assert.equal(result.aggregate.requests, 0, 'nothing was sent before the clock started');
      // Requests cut off when the stop timeout ends have no response time: none is counted then.
      else if (phase !== 'stop-timeout') assert.ok(result.aggregate.requests > 0, 'requests were counted');
      // A stopped run exits by its thresholds, as a finished one does.
      assert.equal(code, brokeErrorThreshold(result) ? 1 : 0, stderr + stdout);
      assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
    });
  }

  it('Ctrl-C in the engine\'s first moments (before it has loaded) still stops the run with its reports', async () => {
    const file = dir.file('early.load.http', [...scenarios.steady().lines, '', '### Home', 'GET /', ''].join('\n'));
    const json = join(dir.path, 'early.json');
    const cli = startCli(['run', file, '-H', quick.url, '--json', json], { ownProcessGroup: true, timeoutMs: 60_000 });
    await engineOf(cli.pid as number);
    cli.killGroup('SIGINT');
    const { code, stderr } = await cli.done;
    assert.ok(existsSync(json), stderr);
    const result = JSON.parse(readFileSync(json, 'utf8')) as RunResult;
    assert.equal(result.outcome, 'stopped');
    assert.equal(code, brokeErrorThreshold(result) ? 1 : 0, stderr);
  });

  it('a second, separate interrupt quits at once without reports (exit 3)', async () => {
    const file = dir.file('twice.load.http', [...scenarios['stop-timeout']().lines, '', '### Home', 'GET /', ''].join('\n'));
    const json = join(dir.path, 'twice.json');
    const hangingBefore = hanging.requests;
    const cli = startCli(['run', file, '-H', hanging.url, '-t', '1h', '--json', json], { ownProcessGroup: true, timeoutMs: 60_000 });
    await engineOf(cli.pid as number);
    await until(() => hanging.requests >= hangingBefore + 2, 'two requests at the hanging server');
    // The first Ctrl-C: both users are inside an iteration, which the 1 h stop timeout lets run.
    cli.killGroup('SIGINT');
    await cli.waitFor(/Stopping on SIGINT/);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    cli.killGroup('SIGINT');
    const { code, stderr } = await cli.done;
    assert.equal(code, 3, stderr);
    assert.match(stderr, /Quit at once on a second interrupt \(SIGINT\): no reports were written\./);
    assert.equal(existsSync(json), false);
  });

  it('`timeout` (SIGTERM to the CLI, then to its group) is one interrupt: reports written, exit by thresholds', async () => {
    const file = dir.file('timeout.load.http', [...scenarios.steady().lines, '', '### Home', 'GET /', ''].join('\n'));
    const json = join(dir.path, 'timeout.json');
    const child = spawn('timeout', ['--preserve-status', '-s', 'TERM', '4', process.execPath, CLI, 'run', file, '-H', quick.url, '--json', json], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.resume();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.ok(existsSync(json), stderr);
    const result = JSON.parse(readFileSync(json, 'utf8')) as RunResult;
    assert.equal(result.outcome, 'stopped');
    assert.equal(code, brokeErrorThreshold(result) ? 1 : 0, stderr);
    assert.doesNotMatch(stderr, /Quit at once/);
  });
});
