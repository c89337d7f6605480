// Where Node's private HTTP parser is missing or fails its self-test (src/engine/http1-parser.ts),
// `http://` goes through undici. LOADLENS_HTTP_TRANSPORT=undici forces that path; this file proves
// the switch takes effect. scripts/run-unit-tests.mjs then runs the engine suite through it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseHttp1Parser } from '../../src/engine/http1-parser';
import { answer, headerOf, startHostileServer } from '../support/hostile-server';
import { runScenario } from './helpers';

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
