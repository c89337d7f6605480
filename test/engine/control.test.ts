import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RunResult } from '../../src/core/metrics/result';
import { isEngineCommand, isEngineEvent } from '../../src/core/protocol/guards';
import { runToCompletion, spawnEngine } from '../../src/engine/spawn';
import { ensureBuilt, scenarioFolder, startCommand, startServer, type TestServer } from './helpers';

let server: TestServer;
before(async () => {
  ensureBuilt();
  server = await startServer((req, res) => {
    if (req.url === '/hang') return;
    if (req.url === '/slow') setTimeout(() => res.end('slow'), 400);
    else res.end('ok');
  });
});
after(() => server.close());

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return condition();
}

test('stop during a run: outcome stopped, the engine exits within about a second', async () => {
  const handle = spawnEngine();
  try {
    const text = `# @host ${server.url}\n# @users 5\n\n### ok\nGET /ok\n\n### hang\nGET /hang\n`;
    let intervals = 0;
    const done = runToCompletion(handle, startCommand(text), () => {
      if (++intervals === 1) {
        stoppedAt = Date.now();
        handle.stop();
      }
    });
    let stoppedAt = 0;
    const result: RunResult = await done;
    await handle.exited;
    const took = Date.now() - stoppedAt;
    assert.equal(result.outcome, 'stopped');
    assert.ok(took < 2500, `stopping took ${took} ms`);
    // Requests cut off by the stop are not counted; the hanging ones never completed.
    assert.equal(result.endpoints.find((e) => e.name === 'hang')?.requests ?? 0, 0);
  } finally {
    handle.kill();
  }
});

test('a graceful stop lets running iterations finish within the stop timeout, and counts them', async () => {
  const handle = spawnEngine();
  try {
    const text = `# @host ${server.url}\n# @users 3\n# @stop-timeout 3s\n\n### slow\nGET /slow\n`;
    let stoppedAt = 0;
    const done = runToCompletion(handle, startCommand(text), () => {
      if (stoppedAt === 0) {
        stoppedAt = Date.now();
        handle.stop();
      }
    });
    const result = await done;
    await handle.exited;
    const took = Date.now() - stoppedAt;
    assert.equal(result.outcome, 'stopped');
    // The three requests in flight at the stop finished (about 400 ms) and were counted.
    assert.equal(result.endpoints[0]?.requests, server.hits.get('/slow'));
    assert.ok(took < 3000, `stopping took ${took} ms`);
  } finally {
    handle.kill();
  }
});

test('a parent that dies takes the engine with it', async () => {
  const folder = scenarioFolder();
  try {
    const spawnModule = resolve(__dirname, '../../src/engine/spawn.ts');
    const parentScript = join(folder.dir, 'parent.ts');
    writeFileSync(
      parentScript,
      [
        `import { spawnEngine } from ${JSON.stringify(spawnModule)};`,
        'const handle = spawnEngine();',
        `handle.start(${JSON.stringify(startCommand(`# @host ${server.url}\n# @users 2\n\n###\nGET /ok\n`))});`,
        'handle.onEvent((event) => { if (event.type === "run/started") console.log(`engine ${handle.pid}`); });',
        'setInterval(() => undefined, 1000);',
      ].join('\n'),
    );
    const parent = spawn(process.execPath, ['--import', 'tsx', parentScript], { stdio: ['ignore', 'pipe', 'inherit'] });
    const enginePid = await new Promise<number>((resolvePid, reject) => {
      let out = '';
      parent.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /engine (\d+)/.exec(out);
        if (match) resolvePid(Number(match[1]));
      });
      parent.on('exit', () => reject(new Error(`parent exited early: ${out}`)));
    });
    assert.ok(alive(enginePid));
    parent.kill('SIGKILL');
    assert.ok(await waitFor(() => !alive(enginePid), 3000), `engine ${enginePid} outlived its parent`);
  } finally {
    folder.cleanup();
  }
});

test('a protocol version mismatch is refused', async () => {
  const handle = spawnEngine();
  try {
    const command = { ...startCommand(`# @host ${server.url}\n# @users 1\n\n###\nGET /ok\n`), protocolVersion: 999 };
    await assert.rejects(runToCompletion(handle, command), (error: { code?: string }) => error.code === 'protocol-mismatch');
    await handle.exited;
  } finally {
    handle.kill();
  }
});

test('messages are checked on arrival', () => {
  assert.ok(isEngineCommand({ type: 'run/stop' }));
  assert.ok(isEngineCommand(startCommand('x')));
  assert.ok(!isEngineCommand({ type: 'run/start', runId: 'x' }));
  assert.ok(!isEngineCommand('run/stop'));
  assert.ok(!isEngineCommand(null));
  assert.ok(isEngineEvent({ type: 'run/error', code: 'internal', message: 'x' }));
  assert.ok(isEngineEvent({ type: 'run/log', level: 'info', message: 'x' }));
  assert.ok(!isEngineEvent({ type: 'run/finished', runId: 'x' }));
  assert.ok(!isEngineEvent({ type: 'run/unknown' }));
  assert.ok(!isEngineEvent([]));
});
