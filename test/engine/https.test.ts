import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { join } from 'node:path';
import { closeServer, HEADER_INJECTION_LINES, INJECTION_ENCODED_PATH, injectionEnv, listening, runScenario } from './helpers';

let server: Server;
let port: number;
let hits = 0;
const urls: string[] = [];
before(async () => {
  const fixtures = join(__dirname, 'fixtures');
  server = createServer({ key: readFileSync(join(fixtures, 'self-signed.key')), cert: readFileSync(join(fixtures, 'self-signed.crt')) }, (req, res) => {
    hits++;
    urls.push(req.url ?? '');
    res.end('secure');
  });
  port = await listening(server);
});
after(() => closeServer(server));

const text = () => `# @host https://127.0.0.1:${port}\n# @users 2\n# @run-time 1s\n# @stop-timeout 2s\n\n###\nGET /\n`;

test('https with a self-signed certificate: refused by default, accepted with insecure', async () => {
  const strict = await runScenario(text());
  assert.ok(strict.result.aggregate.requests > 0);
  assert.equal(strict.result.aggregate.failures, strict.result.aggregate.requests);
  assert.equal(hits, 0);
  assert.match(strict.result.failures[0]?.error ?? '', /SELF_SIGNED|CERT/);

  const insecure = await runScenario(text(), { insecure: true });
  assert.equal(insecure.result.aggregate.failures, 0);
  assert.equal(insecure.result.aggregate.requests, hits);
  assert.equal(insecure.result.aggregate.contentBytes, hits * 'secure'.length);
});

test('https refuses the same header values and encodes the same URL as plain http (request-head.ts)', async () => {
  hits = 0;
  urls.length = 0;
  const scenario = [
    `# @host https://127.0.0.1:${port}`,
    '# @users 1',
    '# @run-time 500ms',
    '# @stop-timeout 2s',
    ...HEADER_INJECTION_LINES,
    '',
  ].join('\n');
  const { result } = await runScenario(scenario, { insecure: true, env: injectionEnv });
  const bad = result.endpoints.find((e) => e.name === 'bad header');
  assert.ok(bad && bad.requests > 0);
  assert.deepEqual(result.failures.map((f) => [f.name, f.error, f.occurrences]), [['bad header', 'invalid header value', bad.requests]]);
  assert.ok(urls.length > 0);
  assert.ok(urls.every((url) => url === INJECTION_ENCODED_PATH), urls[0]);
});
