// Send Request end to end without VS Code: the engine's templates, a real server on loopback.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScenario } from '../../../src/core/scenario';
import { fileAccess } from '../../../src/engine/file-access';
import { prepareSend, resolveHost, SendPreparationError, targetUrls } from '../../../src/vscode/run/send/prepare-request';
import { sendOnce, SendFailedError } from '../../../src/vscode/run/send/send-once';
import type { StoredResponse } from '../../../src/engine/captures';

let server: Server;
let base = '';
const folder = mkdtempSync(join(tmpdir(), 'loadlens-send-'));
const seen: Array<{ method: string; url: string; body: string; auth: string | undefined }> = [];

before(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', body, auth: request.headers.authorization });
      if (request.url === '/hospital' && request.method === 'POST') {
        response.writeHead(201, { 'content-type': 'application/json', location: '/hospital/42' }).end('{"id":42,"name":"<img src=x onerror=alert(1)>"}');
      } else {
        response.writeHead(200, { 'content-type': 'text/plain' }).end(`ok ${request.url}`);
      }
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  writeFileSync(join(folder, 'patients.csv'), 'name,age\nAnn,41\nBob,52\n');
  writeFileSync(join(folder, '.env'), 'TOKEN=from-dotenv\n');
});

after(() => {
  server.close();
  rmSync(folder, { recursive: true, force: true });
});

function scenarioText(): string {
  return `# @host {{base}}
@base = ${base}
# @data patients.csv as patient

### Create
# @name hospital
POST /hospital
Content-Type: application/json
Authorization: Bearer {{$dotenv TOKEN}}

{"patient": "{{patient.name}}", "n": {{$randomInt 1 2}}}

### Admit
POST /patient/{{hospital.response.body.$.id}}?loc={{hospital.response.headers.Location}}
`;
}

function inputs(requestIndex: number, responses: Array<StoredResponse | undefined> = []) {
  const text = scenarioText();
  return { scenarioPath: join(folder, 'h.load.http'), scenarioText: text, scenario: parseScenario(text), access: fileAccess([folder], 'allow it'), requestIndex, fallbackHost: undefined, env: {}, responses, seed: 1 };
}

test('a request is expanded as a run would send it and its response read whole', async () => {
  const prepared = prepareSend(inputs(0));
  assert.equal(prepared.url, `${base}/hospital`);
  assert.deepEqual(prepared.headers, ['Content-Type', 'application/json', 'Authorization', 'Bearer from-dotenv']);
  assert.equal(prepared.body?.toString(), '{"patient": "Ann", "n": 1}');
  const exchange = await sendOnce(prepared);
  assert.equal(exchange.status, 201);
  assert.equal(exchange.statusText, 'Created');
  assert.ok(exchange.headers.some(([name, value]) => name === 'location' && value === '/hospital/42'));
  assert.match(Buffer.from(exchange.body).toString(), /"id":42/);
  assert.ok(exchange.durationMs > 0);

  const second = prepareSend(inputs(1, [exchange.stored]));
  assert.equal(second.url, `${base}/patient/42?loc=/hospital/42`);
  const answer = await sendOnce(second);
  assert.equal(answer.status, 200);
  assert.equal(seen.at(-1)?.url, '/patient/42?loc=/hospital/42');
});

test('a reference to a response not sent yet says what to send first', () => {
  assert.throws(() => prepareSend(inputs(1)), (error: unknown) => error instanceof SendPreparationError && /send 'hospital' first/.test(error.message));
});

test('a relative URL without any host is refused before sending', () => {
  const text = '###\nGET /x\n';
  assert.throws(
    () => prepareSend({ ...inputs(0), scenarioText: text, scenario: parseScenario(text) }),
    (error: unknown) => error instanceof SendPreparationError && /no host/.test(error.message),
  );
  const withSetting = prepareSend({ ...inputs(0), scenarioText: text, scenario: parseScenario(text), fallbackHost: `${base}/` });
  assert.equal(withSetting.url, `${base}/x`);
});

test('a refused connection is reported in words', async () => {
  const closed = createServer();
  await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
  const port = (closed.address() as { port: number }).port;
  await new Promise<void>((done) => closed.close(() => done()));
  await assert.rejects(
    sendOnce({ method: 'GET', url: `http://127.0.0.1:${port}/`, headers: [], body: undefined, timeoutMs: 2000 }),
    (error: unknown) => error instanceof SendFailedError && /ECONNREFUSED/.test(error.message) && /is the server running/.test(error.message),
  );
});

test('the hosts a run reaches: the host for relative URLs, and absolute URLs', () => {
  const scenario = parseScenario('# @host {{h}}\n@h = http://127.0.0.1:9\n###\nGET /a\n###\nGET https://api.example.com/b\n###\nGET {{x.response.body.$.u}}\n');
  const host = resolveHost(scenario, undefined, undefined, {}, {});
  assert.equal(host, 'http://127.0.0.1:9');
  assert.deepEqual(targetUrls(scenario, undefined, {}, {}), ['http://127.0.0.1:9', 'https://api.example.com/b', '{{x.response.body.$.u}}']);
  assert.equal(resolveHost(scenario, 'http://localhost:1/', undefined, {}, {}), 'http://localhost:1');
  assert.deepEqual(targetUrls(scenario, 'http://localhost:1/', {}, {}), ['http://localhost:1/', 'https://api.example.com/b', '{{x.response.body.$.u}}']);
});

test('a host that changes per send is given as written, so that the run asks; a changing path is not', () => {
  const scenario = parseScenario(
    [
      '@octet = 12{{$randomInt 7 9}}',
      '###',
      'GET http://{{octet}}.0.0.1/a',
      '###',
      'GET http://127.0.0.1:8/users/{{$randomInt 1 9}}',
      '###',
      'GET http://127.0.0.1:{{$randomInt 8000 8999}}/',
      '',
    ].join('\n'),
  );
  assert.deepEqual(targetUrls(scenario, undefined, {}, {}), ['http://{{octet}}.0.0.1/a', 'http://127.0.0.1:8/', 'http://127.0.0.1:{{$randomInt 8000 8999}}/']);
  const randomHost = parseScenario('# @host http://10.0.0.{{$randomInt 1 9}}\n###\nGET /\n');
  assert.deepEqual(targetUrls(randomHost, undefined, {}, {}), ['http://10.0.0.{{$randomInt 1 9}}']);
});
