import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { join } from 'node:path';
import { closeServer, listening, runScenario } from './helpers';

let server: Server;
let port: number;
let hits = 0;
before(async () => {
  const fixtures = join(__dirname, 'fixtures');
  server = createServer({ key: readFileSync(join(fixtures, 'self-signed.key')), cert: readFileSync(join(fixtures, 'self-signed.crt')) }, (_req, res) => {
    hits++;
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
