import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { endpoint, failureCount, runScenario, scenarioFolder, startServer, type TestServer } from './helpers';

interface Seen {
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: TestServer;
const seen: Seen[] = [];
before(async () => {
  server = await startServer((req, res, body) => {
    seen.push({ url: req.url ?? '', headers: req.headers, body });
    if (req.url === '/login') {
      const name = (JSON.parse(body) as { name: string }).name;
      res.setHeader('X-Trace', `trace-${name}`);
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ token: `token-${name}`, items: [{ id: 7 }, { id: name.length }] }));
    } else {
      res.end('ok');
    }
  });
});
after(() => server.close());

test('data rows and captures from the same user reach the server', async () => {
  const folder = scenarioFolder({ 'people.csv': 'name,age\nann,31\nbob,42\ncarl,53\n' });
  try {
    const text = [
      `# @host ${server.url}`,
      '# @users 3',
      '# @run-time 1500ms',
      '# @stop-timeout 2s',
      '# @data people.csv as person',
      '',
      '### login',
      '# @name login',
      'POST /login',
      'Content-Type: application/json',
      '',
      '{"name": "{{person.name}}", "age": {{person.age}}}',
      '',
      '### me',
      'GET /me?id={{login.response.body.$.items[1].id}}',
      'Authorization: Bearer {{login.response.body.$.token}}',
      'X-Trace: {{login.response.headers.X-Trace}}',
      'X-Person: {{person.name}}',
      '',
    ].join('\n');
    seen.length = 0;
    const { result } = await runScenario(text, {}, folder.path);
    assert.equal(result.aggregate.failures, 0);
    const logins = seen.filter((s) => s.url === '/login');
    const mes = seen.filter((s) => s.url.startsWith('/me'));
    assert.ok(mes.length >= 3);
    assert.equal(mes.length, endpoint(result, 'me').requests);
    for (const me of mes) {
      const person = me.headers['x-person'] as string;
      assert.equal(me.headers.authorization, `Bearer token-${person}`);
      assert.equal(me.headers['x-trace'], `trace-${person}`);
      assert.equal(me.url, `/me?id=${person.length}`);
    }
    // One shared cursor: rows in file order, wrapping around.
    const names = logins.map((l) => (JSON.parse(l.body) as { name: string }).name);
    const counts = ['ann', 'bob', 'carl'].map((n) => names.filter((x) => x === n).length);
    assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, `rows taken ${counts}`);
    assert.deepEqual(JSON.parse(logins[0]?.body ?? '{}'), { name: 'ann', age: 31 });
  } finally {
    folder.cleanup();
  }
});

test('a capture that finds nothing fails that request, and the run goes on', async () => {
  const text = [
    `# @host ${server.url}`,
    '# @users 1',
    '# @run-time 1s',
    '# @stop-timeout 2s',
    '',
    '### admit',
    '# @name admit',
    'POST /login',
    '',
    '{"name": "x"}',
    '',
    '### use',
    'GET /use/{{admit.response.body.$.id}}',
    '',
    '### after',
    'GET /after',
    '',
  ].join('\n');
  const { result } = await runScenario(text);
  const admits = endpoint(result, 'admit').requests;
  assert.ok(admits >= 2);
  assert.equal(failureCount(result, 'use', 'capture admit.response.body.$.id: no value'), admits);
  assert.equal(endpoint(result, 'use').requests, admits);
  assert.equal(endpoint(result, 'after').requests, admits);
  assert.equal(server.hits.get('/use/'), undefined);
});

test('variables, dynamic values, .env, process env and file bodies', async () => {
  const folder = scenarioFolder({ '.env': 'SECRET=from-dotenv\n', 'body.json': '{"from":"file {{notATemplate}}"}' });
  try {
    const text = [
      `@base = ${server.url}`,
      '@api = {{base}}/api',
      '@tag = {{$processEnv RUN_TAG}}',
      '# @users 1',
      '# @run-time 800ms',
      '# @stop-timeout 2s',
      '',
      '### dyn',
      'POST {{api}}/dyn?n={{$randomInt 5 8}}',
      'X-Guid: {{$guid}}',
      'X-Time: {{$timestamp}}',
      'X-Date: {{$datetime iso8601}}',
      'X-Yesterday: {{$timestamp -1 d}}',
      'X-Secret: {{$dotenv SECRET}}',
      'X-Tag: {{tag}}',
      '',
      'n={{$randomInt 0 3}}',
      '',
      '### file',
      'POST {{api}}/file',
      '',
      '< ./body.json',
      '',
    ].join('\n');
    seen.length = 0;
    const before = Date.now();
    const { result } = await runScenario(text, { env: { RUN_TAG: 'tag-1' } }, folder.path);
    assert.equal(result.aggregate.failures, 0);
    const dyn = seen.filter((s) => s.url.startsWith('/api/dyn'));
    assert.ok(dyn.length >= 2);
    const guids = new Set<string>();
    for (const request of dyn) {
      const n = Number(request.url.split('n=')[1]);
      assert.ok(n >= 5 && n < 8, request.url);
      assert.match(request.headers['x-guid'] as string, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      guids.add(request.headers['x-guid'] as string);
      const time = Number(request.headers['x-time']);
      assert.ok(Math.abs(time - before / 1000) < 30);
      assert.ok(Math.abs(time - 86_400 - Number(request.headers['x-yesterday'])) <= 1);
      assert.ok(Math.abs(Date.parse(request.headers['x-date'] as string) - before) < 30_000);
      assert.equal(request.headers['x-secret'], 'from-dotenv');
      assert.equal(request.headers['x-tag'], 'tag-1');
      assert.match(request.body, /^n=[012]$/);
    }
    assert.equal(guids.size, dyn.length);
    const files = seen.filter((s) => s.url === '/api/file');
    assert.ok(files.length >= 2);
    for (const request of files) assert.equal(request.body, '{"from":"file {{notATemplate}}"}');
    assert.equal(result.host, undefined);
  } finally {
    folder.cleanup();
  }
});

test('an unreadable data file is a data-unreadable error', async () => {
  const folder = scenarioFolder({ 'empty.csv': '' });
  try {
    const text = `# @host ${server.url}\n# @users 1\n# @run-time 1s\n# @data empty.csv as e\n\n###\nGET /x\n`;
    await assert.rejects(runScenario(text, {}, folder.path), (error: { code?: string }) => error.code === 'data-unreadable' || error.code === 'scenario-invalid');
  } finally {
    folder.cleanup();
  }
});

test('a multipart body sends the bytes of its < file parts in place of those lines', async () => {
  const folder = scenarioFolder({ 'part.txt': 'file content {{kept}}' });
  try {
    const text = [
      '# @users 1',
      '# @run-time 600ms',
      '# @stop-timeout 2s',
      `POST ${server.url}/upload`,
      'Content-Type: multipart/form-data; boundary=B',
      '',
      '--B',
      'Content-Disposition: form-data; name="file"; filename="part.txt"',
      '',
      '< ./part.txt',
      '--B--',
      '',
    ].join('\n');
    seen.length = 0;
    const { result } = await runScenario(text, {}, folder.path);
    assert.equal(result.aggregate.failures, 0);
    const uploads = seen.filter((s) => s.url === '/upload');
    assert.ok(uploads.length >= 1);
    for (const upload of uploads) {
      assert.equal(upload.body, '--B\nContent-Disposition: form-data; name="file"; filename="part.txt"\n\nfile content {{kept}}\n--B--');
    }
  } finally {
    folder.cleanup();
  }
});

test('a URL that starts with a variable holding a path takes the host: {{api}}/home with @api = /v1', async () => {
  const text = [`# @host ${server.url}`, '# @users 1', '# @run-time 300ms', '@api = /v1', '', '### home', 'GET {{api}}/home', ''].join('\n');
  seen.length = 0;
  const { result } = await runScenario(text);
  assert.equal(result.aggregate.failures, 0);
  assert.ok(endpoint(result, 'home').requests >= 1);
  assert.ok(seen.length >= 1 && seen.every((s) => s.url === '/v1/home'), JSON.stringify(seen.slice(0, 3)));
});
