// Hostile data in requests: captured values and CSV cells that hold CR, LF, NUL, text that Latin-1
// would turn into CR LF, and non-Latin-1 text, against a raw-socket server that records what it
// received. Whatever the values, each request the engine counts as sent arrives as exactly one
// well-formed request; a header value that cannot go on the wire fails as `invalid header value`.
// The engine's bytes are compared with undici.request's for the same expanded requests.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request as undiciRequest } from 'undici';
import { answer, csv, headerOf, startHostileServer, type HostileServer, type ReceivedRequest } from '../support/hostile-server';
import { endpoint, failureCount, runScenario, scenarioFolder } from './helpers';

/** Latin-1 truncation turns U+010D U+010A into CR LF: the attack on the old head encoding. */
const SMUGGLE = (crlf: string): string => `x HTTP/1.1${crlf}Host: a${crlf}${crlf}GET /smuggled-admin-delete HTTP/1.1${crlf}X-Injected: 1${crlf}`;
const CELLS = [
  'plain',
  SMUGGLE('\r\n'),
  SMUGGLE('\u010d\u010a'),
  'nul\u0000byte',
  'tab\there',
  '中文 and émoji 🚀',
  'latin1 é ü ß',
  'quote " <angle> `tick` {brace} \\back #frag',
  '../../etc/passwd',
  '%zz %2e%2E /./ ?q=1&r=2',
  ' leading and trailing ',
  'del\u007fchar',
  'vt\u000bff\u000c',
];

let server: HostileServer;

before(async () => {
  server = await startHostileServer((socket, request) => {
    if (request.target === '/token') socket.write(answer(JSON.stringify({ evil: SMUGGLE('\u010d\u010a'), wide: '中文' })));
    else socket.write(answer());
  });
});

after(() => server.close());

test('captured values and CSV cells never start a second request; bad header values fail as `invalid header value`', async () => {
  server.requests.length = 0;
  const folder = scenarioFolder({ 'cells.csv': csv([['v'], ...CELLS.map((cell) => [cell])]) });
  try {
    const text = [
      `# @host ${server.url}`,
      '# @users 2',
      '# @run-time 1s',
      '# @stop-timeout 3s',
      '# @data cells.csv as cell',
      '',
      '### token',
      '# @name token',
      'GET /token',
      '',
      '### captured path',
      'GET /c/{{token.response.body.$.evil}}?q={{token.response.body.$.wide}}',
      '',
      '### captured header',
      'GET /ch',
      'X-Val: {{token.response.body.$.evil}}',
      '',
      '### cell path',
      'GET /p/{{cell.v}}?q=中文&v={{cell.v}}',
      '',
      '### cell header',
      'GET /h',
      'X-Cell: {{cell.v}}',
      '',
    ].join('\n');
    const { result } = await runScenario(text, {}, folder.path);
    assert.deepEqual(server.malformed, []);
    assert.equal(server.requests.filter((r) => r.target.includes('smuggled') && !r.target.startsWith('/c/') && !r.target.startsWith('/p/')).length, 0);
    const captured = endpoint(result, 'captured header');
    assert.ok(captured.requests > 0);
    assert.equal(failureCount(result, 'captured header', 'invalid header value'), captured.requests);
    const cellHeader = endpoint(result, 'cell header');
    assert.ok(failureCount(result, 'cell header', 'invalid header value') > 0);
    assert.ok(cellHeader.failures < cellHeader.requests, 'the harmless cells are sent');
    // Everything counted as sent arrived, once, well-formed; nothing else arrived.
    const sent = result.endpoints.filter((e) => e.name !== 'Aggregated').reduce((sum, e) => sum + e.requests, 0) - failureCount(result, 'captured header', 'invalid header value') - failureCount(result, 'cell header', 'invalid header value');
    assert.equal(server.requests.length, sent);
    // The URL is percent-encoded as UTF-8, as `new URL` does it.
    const expectedCaptured = new URL(`${server.url}/c/${SMUGGLE('\u010d\u010a')}?q=中文`);
    const capturedPaths = new Set(server.requests.filter((r) => r.target.startsWith('/c/')).map((r) => r.target));
    assert.deepEqual([...capturedPaths], [expectedCaptured.pathname + expectedCaptured.search]);
    // Every other request is `cell path` (a `..` cell takes it out of /p/, as `new URL` resolves it).
    const others = new Set(['/token', '/ch', '/h']);
    const cellPaths = new Set(server.requests.filter((r) => !others.has(r.target) && !r.target.startsWith('/c/')).map((r) => r.target));
    const expectedCells = new Set(CELLS.map((cell) => {
      const url = new URL(`${server.url}/p/${cell}?q=中文&v=${cell}`);
      return url.pathname + url.search;
    }));
    assert.deepEqual(cellPaths, expectedCells);
    assert.ok(cellPaths.has('/p/plain?q=%E4%B8%AD%E6%96%87&v=plain'));
    // Header values that were sent are the cells that fit the field-value grammar, byte for byte.
    const sentCells = new Set(server.requests.filter((r) => r.target === '/h').map((r) => headerOf(r, 'x-cell')));
    assert.deepEqual(sentCells, new Set(['plain', 'tab\there', 'latin1 é ü ß', 'quote " <angle> `tick` {brace} \\back #frag', '../../etc/passwd', '%zz %2e%2E /./ ?q=1&r=2', 'leading and trailing']));
  } finally {
    folder.cleanup();
  }
});

/** What the server saw for one request sent by undici.request, or `refused` when undici would not send it. */
async function throughUndici(path: string, headers: Record<string, string>): Promise<ReceivedRequest | 'refused'> {
  const before = server.requests.length;
  try {
    const response = await undiciRequest(`${server.url}${path}`, { headers });
    await response.body.text();
  } catch {
    return 'refused';
  }
  assert.equal(server.requests.length, before + 1);
  return server.requests[before] as ReceivedRequest;
}

test('differential: the engine and undici.request put the same request target and header bytes on the wire, and refuse the same values', async () => {
  server.requests.length = 0;
  const rows = CELLS.map((cell, i) => [String(i), cell]);
  const folder = scenarioFolder({ 'cells.csv': csv([['i', 'v'], ...rows]) });
  try {
    const text = [
      `# @host ${server.url}`,
      '# @users 1',
      '# @run-time 1s',
      '# @data cells.csv as cell',
      '',
      '### path',
      'GET /d/{{cell.v}}?q={{cell.v}}',
      'X-Row: {{cell.i}}',
      '',
      '### header',
      'GET /dh/{{cell.i}}',
      'X-Cell: {{cell.v}}',
      '',
    ].join('\n');
    await runScenario(text, {}, folder.path);
    const fromEngine = server.requests.slice();
    assert.deepEqual(server.malformed, []);
    for (const [i, cell] of rows as Array<[string, string]>) {
      // Matched by a header: `..` and `#` in a cell change the path itself (as `new URL` does).
      const enginePath = fromEngine.find((r) => headerOf(r, 'x-row') === i);
      const undiciPath = await throughUndici(`/d/${cell}?q=${cell}`, { 'X-Row': i });
      assert.ok(enginePath && undiciPath !== 'refused', `row ${i} sent by both`);
      assert.equal(enginePath.target, undiciPath.target, `row ${i}: request target`);
      const engineHeader = fromEngine.find((r) => r.target === `/dh/${i}`);
      const undiciHeader = await throughUndici(`/dh/${i}`, { 'X-Cell': cell });
      if (undiciHeader === 'refused') {
        assert.equal(engineHeader, undefined, `row ${i}: undici refused ${JSON.stringify(cell)}, the engine sent it`);
      } else {
        assert.ok(engineHeader, `row ${i}: undici sent ${JSON.stringify(cell)}, the engine refused it`);
        assert.equal(headerOf(engineHeader, 'x-cell'), headerOf(undiciHeader, 'x-cell'), `row ${i}: header value`);
      }
    }
  } finally {
    folder.cleanup();
  }
});
