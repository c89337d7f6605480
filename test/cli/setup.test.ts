// `loadlens run` with `# @setup` and `# @on-start`: the built CLI, the real engine, a counting
// server on loopback. A failed setup exits 3 and names the request; Ctrl-C during setup stops
// the run cleanly with its reports; setup requests count once in the JSON under their name.

import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RunResult } from '../../src/core/metrics/result';
import { brokeErrorThreshold } from '../../src/cli/summary';
import { ensureBuilt, runCli, startCli, tempDir } from './helpers';
import { startServer, type TestServer } from './servers';

describe('loadlens run with @setup and @on-start', () => {
  const dir = tempDir();
  const hits = new Map<string, number>();
  let target: TestServer;
  before(async () => {
    ensureBuilt();
    target = await startServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0] as string;
      hits.set(path, (hits.get(path) ?? 0) + 1);
      if (path === '/token-hang') return; // never answers
      res.writeHead(path === '/token-broken' ? 503 : 200, { 'Content-Type': 'application/json' });
      res.end(path === '/token' ? '{"token":"abc"}' : '{}');
    });
  });
  after(async () => {
    await target.close();
    dir.remove();
  });

  const file = (name: string, setupPath: string, load = ['# @users 3', '# @run-time 1s', '# @think 100ms']) =>
    dir.file(
      `${name}.load.http`,
      [
        ...load,
        '',
        '### token',
        '# @setup',
        '# @name token',
        `GET ${setupPath}`,
        '',
        '### login',
        '# @on-start',
        'POST /login?t={{token.response.body.$.token}}',
        '',
        '### home',
        '# @task',
        'GET /home?t={{token.response.body.$.token}}',
        '',
      ].join('\n'),
    );

  it('counts the setup once and the on-start once per user in the JSON, under their names', async () => {
    hits.clear();
    const json = join(dir.path, 'ok.json');
    const { code, stderr } = await runCli(['run', file('ok', '/token'), '-H', target.url, '--json', json, '-q']);
    assert.equal(code, 0, stderr);
    const result = JSON.parse(readFileSync(json, 'utf8')) as RunResult;
    const requests = (name: string) => result.endpoints.find((each) => each.name === name)?.requests;
    assert.equal(requests('token'), 1);
    assert.equal(requests('login'), 3);
    assert.ok((requests('home') ?? 0) >= 3);
    assert.equal(result.aggregate.failures, 0);
    assert.equal(hits.get('/token'), 1);
  });

  it('a sharded run runs the setup once per shard (--shard I/N), and the shards share the iterations', async () => {
    hits.clear();
    const scenario = file('sharded', '/token', ['# @rate 20/s', '# @run-time 1s', '# @stop-timeout 5s']);
    const startAt = Date.now() + 5000;
    const shards = [1, 2].map((index) =>
      startCli(['run', scenario, '-H', target.url, '--shard', `${index}/2`, '--start-at', String(startAt / 1000), '--json', join(dir.path, `shard${index}.json`), '-q'], { timeoutMs: 40_000 }),
    );
    for (const outcome of await Promise.all(shards.map((shard) => shard.done))) assert.equal(outcome.code, 0, outcome.stderr);
    assert.equal(hits.get('/token'), 2);
    const results = [1, 2].map((index) => JSON.parse(readFileSync(join(dir.path, `shard${index}.json`), 'utf8')) as RunResult);
    for (const result of results) assert.equal(result.endpoints.find((each) => each.name === 'token')?.requests, 1);
    // Open model: every iteration starts with the on-start, and the 20 iterations are split between the shards.
    assert.equal(hits.get('/login'), 20);
    assert.equal(hits.get('/home'), 20);
  });

  it('exits 3 when a setup request fails, names it and why, and sends no load', async () => {
    hits.clear();
    const { code, stderr } = await runCli(['run', file('broken', '/token-broken'), '-H', target.url, '--workers', '2']);
    assert.equal(code, 3, stderr);
    assert.match(stderr, /The setup failed, so no load was started: the @setup request 'token' \(line 8\) failed: HTTP 503\n/);
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
    assert.equal(hits.get('/token-broken'), 1);
    assert.equal(hits.get('/login'), undefined);
    assert.equal(hits.get('/home'), undefined);
  });

  it('Ctrl-C while setup waits on its request stops the run cleanly, writes the report, sends no load', async () => {
    hits.clear();
    const json = join(dir.path, 'interrupted.json');
    const cli = startCli(['run', file('interrupted', '/token-hang', ['# @users 3', '# @run-time 1h']), '-H', target.url, '--json', json], {
      ownProcessGroup: true,
      timeoutMs: 60_000,
    });
    const until = Date.now() + 20_000;
    while (!hits.get('/token-hang') && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(hits.get('/token-hang'), 1);
    cli.killGroup('SIGINT');
    const { code, stderr } = await cli.done;
    assert.ok(existsSync(json), stderr);
    const result = JSON.parse(readFileSync(json, 'utf8')) as RunResult;
    assert.equal(result.outcome, 'stopped');
    assert.equal(result.aggregate.requests, 0, 'the cut-off setup request is not counted');
    assert.equal(code, brokeErrorThreshold(result) ? 1 : 0, stderr);
    assert.equal(hits.get('/login'), undefined);
    assert.equal(hits.get('/home'), undefined);
  });
});
