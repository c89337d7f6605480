// Where Node's private HTTP parser is missing or fails its self-test (src/engine/http1-parser.ts),
// `http://` goes through undici. LOADLENS_HTTP_TRANSPORT=undici forces that path; this file proves
// the switch takes effect, then runs the rest of the engine suite through it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chooseHttp1Parser } from '../../src/engine/http1-parser';
import { answer, headerOf, startHostileServer } from '../support/hostile-server';
import { runScenario } from './helpers';

/**
 * Not run through the fallback: this file, and the two about the engine's own transport itself
 * (Http1Origin driven directly, and preconnect, which only the own transport does).
 */
const NOT_THROUGH_FALLBACK = new Set(['undici-fallback.test.ts', 'http1-transport.test.ts', 'start-preparation.test.ts']);

test('the self-test passes on this Node, and the variable forces the fallback', () => {
  assert.deepEqual({ ...chooseHttp1Parser({}), parser: typeof chooseHttp1Parser({}).parser }, { parser: 'function', problem: undefined });
  assert.deepEqual(chooseHttp1Parser({ LOADLENS_HTTP_TRANSPORT: 'undici' }), { parser: undefined, problem: undefined });
});

/** The `connection` header of the first request the engine sends (undici adds one; ours does not). */
async function connectionHeader(env: Record<string, string | undefined>): Promise<string | undefined> {
  const server = await startHostileServer((socket) => socket.write(answer()));
  const saved = process.env.LOADLENS_HTTP_TRANSPORT;
  try {
    if (env.LOADLENS_HTTP_TRANSPORT === undefined) delete process.env.LOADLENS_HTTP_TRANSPORT;
    else process.env.LOADLENS_HTTP_TRANSPORT = env.LOADLENS_HTTP_TRANSPORT;
    await runScenario(`# @host ${server.url}\n# @users 1\n# @run-time 300ms\n\n###\nGET /\n`);
    const first = server.requests[0];
    assert.ok(first, 'a request arrived');
    return headerOf(first, 'connection');
  } finally {
    if (saved === undefined) delete process.env.LOADLENS_HTTP_TRANSPORT;
    else process.env.LOADLENS_HTTP_TRANSPORT = saved;
    await server.close();
  }
}

test('the engine sends http:// through undici when the variable says so, through its own transport otherwise', async () => {
  assert.equal(await connectionHeader({ LOADLENS_HTTP_TRANSPORT: 'undici' }), 'keep-alive');
  assert.equal(await connectionHeader({ LOADLENS_HTTP_TRANSPORT: undefined }), undefined);
});

// The whole engine suite again (about two minutes): longer than the runner's default per-test limit.
test('the engine suite passes with http:// through undici', { timeout: 600_000 }, () => {
  const root = resolve(__dirname, '../..');
  const files = readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.ts') && !NOT_THROUGH_FALLBACK.has(name))
    .map((name) => join('test/engine', name));
  // Without NODE_TEST_CONTEXT: a `node --test` started under another one would report to it, not run.
  const { NODE_TEST_CONTEXT: _nested, ...env } = process.env;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', ...files], {
    cwd: root,
    env: { ...env, LOADLENS_HTTP_TRANSPORT: 'undici' },
    encoding: 'utf8',
    timeout: 540_000,
  });
  // The failing tests' reports (a `not ok` line and what follows it), not the whole TAP stream.
  const failed = run.stdout.split(/(?=^\s*# Subtest: )/m).filter((part) => /^\s*not ok /m.test(part) && !/^\s*ok /m.test(part));
  const output = `${failed.join('\n').slice(0, 8000)}\n${run.stdout.slice(-1000)}\n${run.stderr.slice(-2000)}`;
  assert.equal(run.status, 0, `the engine suite through undici failed:\n${output}`);
  const passed = Number(/^# pass (\d+)$/m.exec(run.stdout)?.[1] ?? 0);
  assert.match(run.stdout, /^# fail 0$/m);
  // Every engine test ran (about 70 when this was written), not an empty run.
  assert.ok(passed >= 55, `only ${passed} tests passed:\n${output}`);
});
