// Send Request end to end without VS Code: the engine's templates, a real server on loopback.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planRun } from '../../../src/core/plan';
import { ENGINE_PROTOCOL_VERSION, type RunOptions } from '../../../src/core/protocol/engine';
import { fileAccess } from '../../../src/engine/file-access';
import { prepareRun } from '../../../src/engine/prepare';
import { runEnvironment } from '../../../src/engine/run-environment';
import { prepareSend, SendPreparationError } from '../../../src/vscode/run/send/prepare-request';
import { sendOnce, SendFailedError } from '../../../src/engine/send-once';
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

const scenarioPath = join(folder, 'h.load.http');
const access = fileAccess([folder], 'allow it');

/** Planned as Send Request plans it (src/vscode/run/send/send-request-command.ts), with no process variables and seed 1. */
function planOf(text: string, options: RunOptions = {}) {
  return planRun(text, { env: {}, seed: 1, ...options }, runEnvironment(scenarioPath, access));
}

function inputs(requestIndex: number, responses: Array<StoredResponse | undefined> = []) {
  return { scenarioPath, plan: planOf(scenarioText()), access, requestIndex, responses };
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
    () => prepareSend({ ...inputs(0), plan: planOf(text) }),
    (error: unknown) => error instanceof SendPreparationError && /no host/.test(error.message),
  );
  const withSetting = prepareSend({ ...inputs(0), plan: planOf(text, { defaultHost: `${base}/` }) });
  assert.equal(withSetting.url, `${base}/x`);
  // A variable that holds a path makes the URL relative too, as in a run.
  const prefixed = '@api = /v1\n###\nGET {{api}}/x\n';
  assert.throws(
    () => prepareSend({ ...inputs(0), plan: planOf(prefixed) }),
    (error: unknown) => error instanceof SendPreparationError && /no host/.test(error.message),
  );
  assert.equal(prepareSend({ ...inputs(0), plan: planOf(prefixed, { defaultHost: base }) }).url, `${base}/v1/x`);
});

test('a refused connection is reported in words', async () => {
  const closed = createServer();
  await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
  const port = (closed.address() as { port: number }).port;
  await new Promise<void>((done) => closed.close(() => done()));
  await assert.rejects(
    sendOnce({ method: 'GET', url: `http://127.0.0.1:${port}/`, headers: [], body: undefined, timeoutMs: 2000, followRedirects: true, useCookieJar: true, http1Only: false }),
    (error: unknown) => error instanceof SendFailedError && /ECONNREFUSED/.test(error.message) && /is the server running/.test(error.message),
  );
});

test('a random part of the host renders as a run of the file renders it (the run\'s seed: # @seed)', () => {
  // `# @host` may not use a random value itself; through a file variable it still can.
  const text = '# @seed 7\n@octet = {{$randomInt 1 250}}\n# @host http://127.0.0.{{octet}}:9\n# @users 1\n\n###\nGET /a\n';
  const path = join(folder, 'seeded.load.http');
  writeFileSync(path, text);
  const run = prepareRun({ type: 'run/start', protocolVersion: ENGINE_PROTOCOL_VERSION, runId: 'seeded', scenarioPath: path, scenarioText: text, options: { env: {} } });
  // Planned as the Send Request command plans it: no seed option, so the file's # @seed counts.
  const sent = prepareSend({ scenarioPath: path, plan: planRun(text, {}, runEnvironment(path, access)), access, requestIndex: 0, responses: [] });
  assert.equal(sent.url, `${run.host}/a`);
});
