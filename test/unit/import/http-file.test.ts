// Plain .http files as load scenarios (src/core/import/http-file.ts) and a curl command as a
// request block for an existing scenario (src/core/import/curl-paste.ts): every output passes check.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { convertHttpFile, curlRequestBlock, looksLikeCurl, singleRequestScenario } from '../../../src/core/import';
import { checkScenario, parseScenario } from '../../../src/core/scenario';

const REST_CLIENT_FILE = [
  '@api = /v1',
  '',
  '# @name login',
  'POST http://127.0.0.1:8888/login',
  'Content-Type: application/json',
  '',
  '{"user": "a"}',
  '',
  '###',
  '@token = {{login.response.body.$.token}}',
  'GET http://127.0.0.1:8888{{api}}/me',
  'Authorization: Bearer {{token}}',
  '',
  '### Health',
  'GET http://127.0.0.1:8888/health',
].join('\n');

function errors(text: string): string[] {
  return checkScenario(text).diagnostics.filter((d) => d.severity === 'error').map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
}

describe('Convert to Load Scenario', () => {
  it('puts the chosen load and host above the file, which runs as it was', () => {
    const text = convertHttpFile(REST_CLIENT_FILE, 'api.http', { users: 10, spawnRate: 2, runTimeMs: 90_000, host: 'http://127.0.0.1:8888' });
    const lines = text.split('\n');
    assert.deepEqual(lines.slice(1, 5), ['# @host http://127.0.0.1:8888', '# @users 10', '# @spawn-rate 2', '# @run-time 1m30s']);
    assert.ok(text.endsWith(REST_CLIENT_FILE));
    assert.deepEqual(errors(text), []);
    const scenario = parseScenario(text);
    assert.equal(scenario.load?.kind, 'users');
    assert.equal(scenario.requests.length, 3);
  });

  it('writes an open model as @rate and replaces load directives the file had', () => {
    const text = convertHttpFile(['# @users 3', '# @run-time 5s', 'GET http://127.0.0.1:1/'].join('\n'), 'a.http', { rate: 20, runTimeMs: 10_000 });
    assert.doesNotMatch(text, /@users 3|@run-time 5s/);
    const load = parseScenario(text).load;
    assert.equal(load?.kind, 'rate');
    assert.deepEqual(errors(text), []);
  });

  it('keeps a line-breaking host or file name on one line', () => {
    const text = convertHttpFile('GET /x', 'a\n### evil.http', { users: 1, host: 'http://127.0.0.1:1\nGET http://attacker.invalid/' });
    assert.equal(parseScenario(text).requests.length, 1);
  });
});

describe('Load test of one request of a plain file', () => {
  it('keeps the header, every variable and the named requests it reads', () => {
    const text = singleRequestScenario(REST_CLIENT_FILE, 1);
    assert.ok(text);
    const scenario = parseScenario(text);
    assert.deepEqual(scenario.requests.map((r) => r.name ?? r.statsName), ['login', 'GET http://127.0.0.1:8888{{api}}/me']);
    assert.deepEqual(scenario.variables.map((v) => v.name).sort(), ['api', 'token']);
    assert.deepEqual(errors(text), []);
  });

  it('is the request alone when it reads no other', () => {
    const text = singleRequestScenario(REST_CLIENT_FILE, 2);
    assert.ok(text);
    assert.deepEqual(parseScenario(text).requests.map((r) => r.statsName), ['Health']);
    assert.deepEqual(errors(text), []);
  });

  it('is undefined for a request the file no longer has', () => {
    assert.equal(singleRequestScenario(REST_CLIENT_FILE, 7), undefined);
  });
});

describe('Paste cURL as Request', () => {
  const scenario = ['# @host http://localhost:8888', '# @users 1', '', '### Home', 'GET /', ''].join('\n');

  it('writes a relative request for the scenario\'s own host, secrets as variables', () => {
    const block = curlRequestBlock("curl 'http://localhost:8888/hospital' -H 'Authorization: Bearer abc' -H 'content-type: application/json' --data-raw '{\"name\":\"A\"}'", {
      scenarioHost: 'http://localhost:8888', declared: new Set(), sideFilePrefix: 'x', readFile: () => undefined,
    });
    assert.match(block.text, /^###\n/);
    assert.match(block.text, /\nPOST \/hospital\n/);
    assert.match(block.text, /@authorization = \{\{\$processEnv AUTHORIZATION\}\}/);
    assert.doesNotMatch(block.text, /abc/);
    const pasted = `${scenario}\n${block.text}\n`;
    assert.deepEqual(errors(pasted), []);
    assert.equal(parseScenario(pasted).requests.length, 2);
  });

  it('keeps the URL absolute for another host and does not declare a variable twice', () => {
    const block = curlRequestBlock('curl http://127.0.0.1:9/x -b "a=1"', { scenarioHost: 'http://localhost:8888', declared: new Set(['cookie']), sideFilePrefix: 'x', readFile: () => undefined });
    assert.match(block.text, /\nGET http:\/\/127\.0\.0\.1:9\/x\n/);
    assert.doesNotMatch(block.text, /@cookie =/);
  });

  it('lists what it could not carry over', () => {
    const block = curlRequestBlock('curl -k http://localhost:8888/', { declared: new Set(), sideFilePrefix: 'x', readFile: () => undefined });
    assert.ok(block.notes.some((note) => note.includes('-k')));
    assert.match(block.text, /# Not carried over: -k/);
  });

  it('recognises a copied curl command', () => {
    assert.ok(looksLikeCurl("curl 'http://a.invalid/'"));
    assert.ok(looksLikeCurl('  curl.exe ^"http://a.invalid/^"'));
    assert.ok(!looksLikeCurl('GET /x'));
    assert.ok(!looksLikeCurl('curl'));
  });
});
