// `<@ ./file` and `<@latin1 ./file` (REST Client): the file's {{variables}} are replaced before
// sending, the file decoded (and the body encoded) as UTF-8, or as Latin-1 for `<@latin1`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScenario, scenarioFolder } from './helpers';

const bodies = new Map<string, Buffer[]>();
let server: Server;
let url = '';
before(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const list = bodies.get(req.url ?? '') ?? [];
      list.push(Buffer.concat(chunks));
      bodies.set(req.url ?? '', list);
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('<@ and <@latin1 body files are sent with their {{variables}} replaced, in their encoding', async () => {
  const folder = scenarioFolder({ 'order.json': '{"name":"{{name}}","n":{{$randomInt 5 6}}}' });
  writeFileSync(join(folder.dir, 'latin.txt'), Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from(' {{name}}')]));
  try {
    const text = [
      '# @users 1',
      '# @run-time 600ms',
      '# @stop-timeout 2s',
      '@name = Zoë',
      '',
      '### utf8',
      `POST ${url}/utf8`,
      '',
      '<@ ./order.json',
      '',
      '### latin1',
      `POST ${url}/latin1`,
      '',
      '<@latin1 ./latin.txt',
      '',
    ].join('\n');
    bodies.clear();
    const { result } = await runScenario(text, {}, folder.path);
    assert.equal(result.aggregate.failures, 0);
    const utf8 = bodies.get('/utf8') ?? [];
    const latin1 = bodies.get('/latin1') ?? [];
    assert.ok(utf8.length >= 1 && latin1.length >= 1);
    for (const body of utf8) assert.equal(body.toString('utf8'), '{"name":"Zoë","n":5}');
    const expected = Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from(' Zo'), Buffer.from([0xeb])]);
    for (const body of latin1) assert.deepEqual(body, expected);
  } finally {
    folder.cleanup();
  }
});

test('an unknown variable inside a <@ body file stops the run before sending, as in an inline body', async () => {
  const folder = scenarioFolder({ 'order.json': '{"name":"{{nmae}}"}' });
  try {
    const text = ['# @users 1', '# @run-time 600ms', '@name = Ann', '', `POST ${url}/typo`, '', '<@ ./order.json', ''].join('\n');
    bodies.clear();
    await assert.rejects(runScenario(text, {}, folder.path), /line 7: in body file '\.\/order\.json': unknown variable 'nmae'/);
    assert.equal(bodies.get('/typo'), undefined);
  } finally {
    folder.cleanup();
  }
});
