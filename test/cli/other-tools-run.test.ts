// A plain REST Client file (three requests, the first without ###, no load directives) runs as it
// is; a request of another protocol in it is skipped, and the summary and the JSON result say so.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DemoServer } from '../../examples/demo-server.mjs';
import type { RunResult } from '../../src/core/metrics/result';
import { ensureBuilt, runCli, tempDir } from './helpers';
import { startDemo } from './servers';

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

describe('loadlens run: a file written for REST Client', () => {
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

  it('checks with warnings only, runs with -u 5 -t 10s --host, and lists the skipped request', async () => {
    const file = dir.file('rest-client.load.http', REST_CLIENT_FILE);
    const check = await runCli(['check', file]);
    assert.equal(check.code, 0, check.stdout + check.stderr);
    assert.match(check.stdout, /:16:1: warning: JetBrains response handler: not run under load/);
    assert.match(check.stdout, /:21:1: warning: WS request: Loadlens load-tests HTTP only, so this request is skipped/);
    const json = join(dir.path, 'result.json');
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
