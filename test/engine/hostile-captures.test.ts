// Captures from hostile answers: a failed request (reset mid-body, timeout, an error status)
// captures nothing, so nothing later is built from a partial answer nor from an older one; a body
// kept for a capture stops at 1 MiB, so an answer without end cannot grow the engine.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { RunResult } from '../../src/core/metrics/result';
import { CAPTURE_BODY_TOO_LARGE } from '../../src/engine/captures';
import { runToCompletion, spawnEngine } from '../../src/engine/spawn';
import { answer, replies, startHostileServer } from '../support/hostile-server';
import { endpoint, ensureBuilt, failureCount, runScenario, startCommand } from './helpers';

const USE_MISSING = 'capture src.response.body.$.id: no value';

function scenario(url: string, extra: string[] = []): string {
  return [
    `# @host ${url}`,
    '# @users 1',
    '# @run-time 1500ms',
    '# @stop-timeout 5s',
    ...extra,
    '',
    '### src',
    '# @name src',
    '# @timeout 300ms',
    'GET /src',
    '',
    '### use',
    'GET /use/{{src.response.body.$.id}}',
    '',
  ].join('\n');
}

test('a request that fails (reset mid-body, timeout, HTTP 500) captures nothing: the next one is not sent, and no older value is reused', async () => {
  let n = 0;
  // Every third answer is whole; the others fail in turn: cut mid-body, too slow, an error status.
  const server = await startHostileServer((socket, request) => {
    if (request.target.startsWith('/use/')) {
      socket.write(answer());
      return;
    }
    n++;
    const id = `good-${n}`;
    if (n % 4 === 1) socket.write(answer(JSON.stringify({ id })));
    else if (n % 4 === 2) socket.end(`HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{"id":"partial-${n}"`);
    else if (n % 4 === 3) replies.dribble(socket, request);
    else socket.write(answer(JSON.stringify({ id: `error-${n}` }), '500 Internal Server Error'));
  });
  try {
    const { result } = await runScenario(scenario(server.url));
    const src = endpoint(result, 'src');
    assert.ok(src.requests >= 4, `${src.requests} src requests`);
    // With one user the server sees src, use, src, (use not sent), ... in order: each use carries
    // the id of the src just before it, and only after a whole answer.
    const sources = server.requests.map((r) => r.target);
    for (let i = 0; i < sources.length; i++) {
      if (sources[i] === '/src') continue;
      const srcIndex = sources.slice(0, i).filter((t) => t === '/src').length;
      assert.equal(sources[i], `/use/good-${srcIndex}`, `request ${i}: ${sources.join(' ')}`);
      assert.equal(srcIndex % 4, 1);
    }
    const use = endpoint(result, 'use');
    assert.equal(failureCount(result, 'use', USE_MISSING), use.failures);
    assert.ok(use.failures >= 2, `${use.failures} use failures`);
    assert.equal(server.requests.length, src.requests + use.requests - use.failures);
  } finally {
    await server.close();
  }
});

test(`a body over 1 MiB is not kept: its capture fails as \`${CAPTURE_BODY_TOO_LARGE}\`, the request itself succeeds`, async () => {
  const big = JSON.stringify({ id: 'big', pad: 'x'.repeat(1100 * 1024) });
  const server = await startHostileServer((socket, request) => socket.write(request.target === '/src' ? answer(big) : answer()));
  try {
    const { result } = await runScenario(scenario(server.url));
    const src = endpoint(result, 'src');
    assert.ok(src.requests > 0);
    assert.equal(src.failures, 0);
    const use = endpoint(result, 'use');
    assert.equal(failureCount(result, 'use', CAPTURE_BODY_TOO_LARGE), use.requests);
    assert.equal(server.requests.filter((r) => r.target.startsWith('/use/')).length, 0);
  } finally {
    await server.close();
  }
});

/** Runs a scenario and samples the engine's resident memory (Linux /proc) while it runs. */
async function runWithPeakRss(text: string): Promise<{ result: RunResult; peakMb: number }> {
  ensureBuilt();
  const handle = spawnEngine({ onLog: (line) => process.stderr.write(`[engine] ${line}\n`) });
  let peakKb = 0;
  const sample = setInterval(() => {
    try {
      const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${handle.pid}/status`, 'utf8'));
      peakKb = Math.max(peakKb, Number(rss?.[1] ?? 0));
    } catch {
      // The engine has exited between two samples.
    }
  }, 25);
  try {
    const result = await runToCompletion(handle, startCommand(text));
    return { result, peakMb: peakKb / 1024 };
  } finally {
    clearInterval(sample);
    handle.kill();
  }
}

test('a chunked body without end, read for a capture: cut off at the timeout, memory stays bounded', async () => {
  const server = await startHostileServer(replies.infiniteChunked);
  try {
    const { result, peakMb } = await runWithPeakRss(scenario(server.url).replace('# @timeout 300ms', '# @timeout 1500ms'));
    const src = endpoint(result, 'src');
    assert.ok(src.requests >= 1);
    assert.equal(failureCount(result, 'src', 'timeout after 1500ms'), src.requests);
    assert.ok(src.contentBytes > 20 * 1024 * 1024, `read ${src.contentBytes} bytes`);
    // Read at loopback speed, an unbounded buffer would hold hundreds of MB; the cap keeps 1 MiB.
    assert.ok(peakMb < 250, `engine peak RSS ${peakMb.toFixed(0)} MB`);
  } finally {
    await server.close();
  }
});
