// `loadlens run` end to end: the built CLI, the real engine, real servers on loopback port 0.
// Exit codes 0/1/2/3, flags over the file, and the files of --csv, --html and --json.

import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DemoServer } from '../../examples/demo-server.mjs';
import type { RunResult } from '../../src/core/metrics/result';
import { ensureBuilt, runCli, tempDir } from './helpers';
import { answer, startDemo, startServer } from './servers';

/** A scenario file: header lines, then request blocks (a `###` line is added where missing). */
function scenario(header: string[], ...blocks: string[][]): string {
  const withSeparator = (block: string[]) => (block[0]?.startsWith('###') ? block : ['###', ...block]);
  return [...header, '', ...blocks.flatMap((block) => [...withSeparator(block), ''])].join('\n');
}

/** Written for REST Client: the first request without ###, no load directive, a JetBrains handler and a WebSocket request. */
const REST_CLIENT_FILE = [
  'GET /hospital HTTP/1.1',
  'Accept: application/json',
  '',
  '###',
  '',
  '# @name created',
  'POST /hospital HTTP/1.1',
  'Content-Type: application/json',
  '',
  '{"name": "City {{$randomInt 1 1000}}", "beds": 12, "on": "{{$datetime "DD-MM-YYYY"}}"}',
  '',
  '###',
  '',
  'GET /?page={{$randomInt 1 5}}#details',
  '',
  '> {%',
  '  client.test("status", function () {});',
  '%}',
  '',
  '###',
  'WS ws://127.0.0.1:9/socket',
  '',
].join('\n');

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as RunResult;

describe('loadlens run', () => {
  const dir = tempDir();
  let demo: DemoServer;
  before(async () => {
    ensureBuilt();
    demo = await startDemo();
  });
  after(async () => {
    await demo.close();
    dir.remove();
  });

  it('exits 0 when no error threshold broke, prints the summary and writes every report', async () => {
    const file = dir.file(
      'ok.load.http',
      scenario(
        ['# @users 3', '# @run-time 2s', '# @think 100ms', '# @threshold p95 < 5s', '# @threshold errors < 50%'],
        ['### Home page', 'GET /'],
        ['### List hospitals', 'GET /hospital'],
      ),
    );
    const out = join(dir.path, 'ok');
    const { code, stdout, stderr } = await runCli(['run', file, '-H', demo.url, '--csv', out, '--html', `${out}.html`, '--json', `${out}.json`]);
    assert.equal(code, 0, stderr + stdout);
    assert.match(stdout, /Type\s+Name\s+# reqs\s+# fails\s+Median\s+Average\s+Min\s+Max\s+p95\s+p99\s+RPS/);
    assert.match(stdout, /GET\s+Home page\s+[1-9]/);
    assert.match(stdout, /\n\s+Aggregated\s+[1-9]/);
    assert.match(stdout, /✓ p95 < 5s/);
    assert.match(stdout, /✓ errors < 50%/);
    for (const path of [`${out}_stats.csv`, `${out}_failures.csv`, `${out}_stats_history.csv`, `${out}.html`, `${out}.json`]) {
      assert.ok(existsSync(path), `${path} written`);
      assert.ok(stdout.includes(path), `${path} named in the output`);
    }
    // Not a terminal here: one plain progress line per interval.
    assert.match(stderr, /^\[0:0\d\/0:02\] users \d+ \| [\d.]+ req\/s \| p95 /m);
  });

  it('writes the three CSV files with Locust\'s headers, byte for byte', () => {
    const out = join(dir.path, 'ok');
    // Python's csv module, which Locust uses, ends rows with CRLF.
    const header = (path: string) => readFileSync(path, 'utf8').split('\r\n')[0];
    assert.equal(
      header(`${out}_stats.csv`),
      'Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%',
    );
    assert.equal(header(`${out}_failures.csv`), 'Method,Name,Error,Occurrences');
    assert.equal(
      header(`${out}_stats_history.csv`),
      'Timestamp,User Count,Type,Name,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%,Total Request Count,Total Failure Count,Total Median Response Time,Total Average Response Time,Total Min Response Time,Total Max Response Time,Total Average Content Size',
    );
    assert.match(readFileSync(`${out}_stats.csv`, 'utf8'), /\n,Aggregated,\d+,/);
  });

  it('writes an HTML report that needs no network', () => {
    const html = readFileSync(join(dir.path, 'ok.html'), 'utf8');
    assert.match(html, /<html/i);
    assert.doesNotMatch(html, /\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i, 'no remote scripts, styles or images');
  });

  it('round-trips the JSON through `report`: the same CSV files as the run wrote', async () => {
    const out = join(dir.path, 'ok');
    const again = join(dir.path, 'again');
    const { code, stdout, stderr } = await runCli(['report', `${out}.json`, '--csv', again, '--html', `${again}.html`]);
    assert.equal(code, 0, stderr);
    for (const suffix of ['_stats.csv', '_failures.csv', '_stats_history.csv']) {
      assert.equal(readFileSync(`${again}${suffix}`, 'utf8'), readFileSync(`${out}${suffix}`, 'utf8'), suffix);
    }
    assert.ok(existsSync(`${again}.html`));
    assert.match(stdout, /Aggregated/);
  });

  it('says clearly that a file is not a result, and exits 2', async () => {
    const bad = dir.file('bad.json', '{"formatVersion": 1, "oops"');
    const { code, stderr } = await runCli(['report', bad, '--csv', join(dir.path, 'never')]);
    assert.equal(code, 2);
    assert.match(stderr, /bad\.json: not JSON: /);
    assert.doesNotMatch(stderr, /\n\s+at /);
    assert.equal(existsSync(join(dir.path, 'never_stats.csv')), false);
  });

  it('exits 1 when an error threshold breaks (p95 < 1ms on a slow endpoint)', async () => {
    const slow = await startServer(answer(200, 30));
    try {
      const file = dir.file('slow.load.http', scenario(['# @users 2', '# @run-time 1s', '# @threshold p95 < 1ms'], ['GET /slow']));
      const { code, stdout } = await runCli(['run', file, '-H', slow.url, '-q']);
      assert.equal(code, 1, stdout);
      assert.match(stdout, /✗ p95 < 1ms\s+GET \/slow: \d+ ms/);
    } finally {
      await slow.close();
    }
  });

  it('exits 1 when errors < 1% breaks against a server answering 500, and lists the failures', async () => {
    const failing = await startServer(answer(500));
    try {
      const file = dir.file('fail.load.http', scenario(['# @users 2', '# @run-time 1s', '# @think 50ms', '# @threshold errors < 1%'], ['GET /boom']));
      const { code, stdout } = await runCli(['run', file, '-H', failing.url, '-q']);
      assert.equal(code, 1, stdout);
      assert.match(stdout, /✗ errors < 1%\s+GET \/boom: 100%/);
      assert.match(stdout, /\d+\s+GET\s+GET \/boom\s+HTTP 500/);
    } finally {
      await failing.close();
    }
  });

  it('exits 0 when only a warn threshold breaks', async () => {
    const slow = await startServer(answer(200, 20));
    try {
      const file = dir.file('warn.load.http', scenario(['# @users 1', '# @run-time 1s', '# @threshold p95 < 1ms warn'], ['GET /slow']));
      const { code, stdout } = await runCli(['run', file, '-H', slow.url, '-q']);
      assert.equal(code, 0, stdout);
      assert.match(stdout, /✗ p95 < 1ms warn/);
    } finally {
      await slow.close();
    }
  });

  it('exits 2 and sends nothing when the scenario has errors', async () => {
    const target = await startServer(answer(200));
    try {
      const file = dir.file('broken.load.http', scenario(['# @users 2', '# @run-time 1s'], ['GET /x/{{undefinedVariable}}']));
      const { code, stderr } = await runCli(['run', file, '-H', target.url]);
      assert.equal(code, 2);
      assert.match(stderr, /broken\.load\.http:5:\d+: error: .*undefinedVariable/);
      assert.match(stderr, /nothing was sent/);
      assert.equal(target.requests, 0);
    } finally {
      await target.close();
    }
  });

  it('exits 2 before sending when a URL is relative and no host is given anywhere', async () => {
    const file = dir.file('nohost.load.http', scenario(['# @users 1', '# @run-time 1s'], ['GET /x']));
    const { code, stderr } = await runCli(['run', file]);
    assert.equal(code, 2);
    assert.match(stderr, /GET \/x is a relative URL and there is no host\. Add `# @host http:\/\/localhost:8888` .* or pass --host URL/);
  });

  it('exits 2 before sending when # @host renders empty, and says which line to look at', async () => {
    const file = dir.file('emptyhost.load.http', scenario(['# @host {{$processEnv LOADLENS_TEST_UNSET_HOST}}', '# @users 1', '# @run-time 1s'], ['GET /x']));
    const { code, stderr } = await runCli(['run', file]);
    assert.equal(code, 2, stderr);
    assert.match(stderr, /GET \/x is a relative URL and there is no host\. The file's `# @host \{\{\$processEnv LOADLENS_TEST_UNSET_HOST\}\}` renders empty/);
    assert.match(stderr, /Nothing was sent\./);
  });

  it('exits 2 on a usage error, with a message and no stack trace', async () => {
    const { code, stderr } = await runCli(['run', 'x.load.http', '--users', 'many']);
    assert.equal(code, 2);
    assert.equal(stderr.trim(), "loadlens: --users needs a whole number of at least 1 (e.g. --users 50), got 'many'.");
  });

  it('exits 3 with a clear message when a data file cannot be read', async () => {
    const target = await startServer(answer(200));
    try {
      // The header row is fine (check passes); the second row has an unclosed quote.
      dir.file('people.csv', 'name,age\n"Ann,30\nBob,40\n');
      const file = dir.file('data.load.http', scenario(['# @users 1', '# @run-time 1s', '# @data people.csv as person'], ['GET /p/{{person.name}}']));
      const { code, stderr } = await runCli(['run', file, '-H', target.url, '-q']);
      assert.equal(code, 3, stderr);
      assert.match(stderr, /data file could not be read/i);
      assert.doesNotMatch(stderr, /\n\s+at /);
    } finally {
      await target.close();
    }
  });

  it('lets flags override the file: host, users and run time', async () => {
    // The file would run 1 user for an hour against a closed port.
    const file = dir.file('override.load.http', scenario(['# @host http://127.0.0.1:9', '# @users 1', '# @run-time 1h', '# @think 100ms'], ['GET /']));
    const json = join(dir.path, 'override.json');
    const { code, stderr } = await runCli(['run', file, '--host', demo.url, '-u', '2', '-r', '10', '-t', '2s', '--json', json, '-q']);
    assert.equal(code, 0, stderr);
    const result = readJson(json);
    assert.deepEqual(result.load, { kind: 'users', users: 2, spawnRate: 10, runTimeMs: 2000 });
    assert.equal(result.aggregate.failures, 0);
    assert.ok(result.aggregate.requests > 0);
    assert.ok(result.endTime - result.startTime < 10_000);
  });

  it('runs a plain REST Client file as it is (-u 5 -t 10s --host) and lists the request it skipped', async () => {
    const file = dir.file('rest-client.load.http', REST_CLIENT_FILE);
    const check = await runCli(['check', file]);
    assert.equal(check.code, 0, check.stdout + check.stderr);
    assert.match(check.stdout, /:16:1: warning: JetBrains response handler: not run under load/);
    assert.match(check.stdout, /:21:1: warning: WS request: Loadlens load-tests HTTP only, so this request is skipped/);
    const json = join(dir.path, 'rest-client.json');
    const { code, stdout, stderr } = await runCli(['run', file, '-u', '5', '-t', '10s', '--host', demo.url, '--json', json], { timeoutMs: 60_000 });
    assert.equal(code, 0, stderr + stdout);
    assert.match(stdout, /GET\s+GET \/hospital\s+[1-9]/);
    assert.match(stdout, /POST\s+POST \/hospital\s+[1-9]/);
    // The fragment is not part of the request: the stats name is the URL without it.
    assert.match(stdout, /GET\s+GET \/\?page=\{\{\$randomInt 1 5\}\}\s+[1-9]/);
    assert.match(stdout, /Skipped \(not load-tested\): 1\n\s+- line 21: WS ws:\/\/127\.0\.0\.1:9\/socket: WS request/);
    const result = JSON.parse(readFileSync(json, 'utf8')) as RunResult;
    assert.equal(result.endpoints.length, 3);
    assert.equal(result.endpoints.find((e) => e.name === 'POST /hospital')?.failures, 0);
    assert.deepEqual(result.skipped?.map((s) => [s.name, s.line]), [['WS ws://127.0.0.1:9/socket', 21]]);
  });
});
