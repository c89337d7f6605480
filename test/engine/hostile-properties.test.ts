// Property tests (fast-check) over the values that go into requests: random strings of every kind
// (any UTF-16 code unit, lone surrogates included; CR, LF, NUL; text that Latin-1 would turn into
// CR LF; URL syntax) as path, header and body values, and as captured values and CSV cells in real
// engine runs. The server must receive exactly one well-formed request per request sent, and a
// header value is either sent byte for byte or refused as `invalid header value`.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Http1Origin, type ResponseHandler } from '../../src/engine/http1-transport';
import { requestTarget } from '../../src/engine/request-head';
import { answer, csv, headerOf, startHostileServer, type HostileServer, type ReceivedRequest } from '../support/hostile-server';
import { endpoint, failureCount, nodeHttp1Parser, runScenario, scenarioFolder } from './helpers';

/** Pieces that matter to a request's framing, mixed with any code unit and any code point. */
const hostileText = fc.string({
  unit: fc.oneof(
    fc.constantFrom('\r', '\n', '\r\n', '\0', '\t', ' ', '\u010d\u010a', '\u0100', 'é', '%', '%2e', '#', '?', '&', '/', '..', '\\', '"', ':', 'GET / HTTP/1.1'),
    fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
    fc.string({ unit: 'binary', maxLength: 1 }),
  ),
  maxLength: 40,
});

/** Field-value text: tab, space, visible ASCII, Latin-1 (request-head.ts). */
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

let server: HostileServer;

before(async () => {
  server = await startHostileServer((socket, request) => socket.write(request.target === '/token' ? answer(nextToken()) : answer()));
});

after(() => server.close());

let tokens: string[] = [''];
let tokenAt = 0;
function nextToken(): string {
  return JSON.stringify({ v: tokens[tokenAt++ % tokens.length] });
}

function send(origin: Http1Origin, path: string, headers: string[], body: string): Promise<Error | undefined> {
  return new Promise((resolve) => {
    const handler: ResponseHandler = {
      onConnect() {},
      onHeaders: () => true,
      onData: () => true,
      onComplete: () => resolve(undefined),
      onError: resolve,
    };
    try {
      origin.send(handler, { spec: { method: 'POST' }, path, headers, body });
    } catch (error) {
      resolve(error as Error);
    }
  });
}

test('any value in the path, a header and the body: one well-formed request, or refused before anything is sent', async () => {
  const origin = new Http1Origin(server.url, () => performance.now(), nodeHttp1Parser());
  try {
    await fc.assert(
      fc.asyncProperty(hostileText, async (value) => {
        const before = server.requests.length;
        const error = await send(origin, `/p/${value}?q=${value}`, ['X-V', value], value);
        assert.deepEqual(server.malformed, []);
        if (!FIELD_VALUE.test(value)) {
          assert.equal(error?.message, 'invalid header value');
          assert.equal(server.requests.length, before);
          return;
        }
        assert.equal(error, undefined);
        assert.equal(server.requests.length, before + 1);
        const received = server.requests[before] as ReceivedRequest;
        const url = new URL(`${server.url}/p/${value}?q=${value}`);
        assert.equal(received.target, url.pathname + url.search);
        assert.equal(received.target, requestTarget(`/p/${value}?q=${value}`));
        // llhttp drops the spaces and tabs around a value, as every server does.
        assert.equal(headerOf(received, 'x-v'), value.replace(/^[\t ]+|[\t ]+$/g, ''));
        assert.deepEqual(received.body, Buffer.from(value, 'utf8'));
      }),
      { numRuns: 300 },
    );
  } finally {
    origin.destroy(new Error('end of test'));
  }
});

test('the request target is what `new URL` makes of it, and only visible ASCII', () => {
  fc.assert(
    fc.property(hostileText, hostileText, (path, query) => {
      const target = requestTarget(`/${path}?${query}`);
      const url = new URL(`http://0.invalid/${path}?${query}`);
      assert.equal(target, url.pathname + url.search);
      assert.match(target, /^\/[\x21-\x7e]*$/);
    }),
    { numRuns: 2000 },
  );
});

test('random captured values and CSV cells in a real run: every request counted as sent arrives once, well-formed', async () => {
  // A CSV file holds UTF-8: a lone surrogate cannot be written to it (it becomes U+FFFD), and a
  // cell that is only CR/LF may be read as an empty line; captured JSON can hold anything.
  const values = fc.sample(hostileText, { numRuns: 40, seed: 4242 });
  tokens = values;
  tokenAt = 0;
  server.requests.length = 0;
  const folder = scenarioFolder({ 'cells.csv': csv([['v'], ...values.map((value) => [`cell ${value}`])]) });
  try {
    const text = [
      `# @host ${server.url}`,
      '# @users 2',
      '# @run-time 1500ms',
      '# @stop-timeout 5s',
      '# @data cells.csv as cell',
      '',
      '### token',
      '# @name token',
      'GET /token',
      '',
      '### captured',
      'POST /c/{{token.response.body.$.v}}?v={{token.response.body.$.v}}',
      'X-V: {{token.response.body.$.v}}',
      '',
      '{"v": "{{token.response.body.$.v}}"}',
      '',
      '### cell',
      'POST /d/{{cell.v}}?v={{cell.v}}',
      'X-V: {{cell.v}}',
      '',
      '{{cell.v}}',
      '',
    ].join('\n');
    const { result } = await runScenario(text, {}, folder.path);
    assert.deepEqual(server.malformed, []);
    const refused = failureCount(result, 'captured', 'invalid header value') + failureCount(result, 'cell', 'invalid header value');
    assert.ok(refused > 0, 'some values were refused');
    const counted = ['token', 'captured', 'cell'].reduce((sum, name) => sum + endpoint(result, name).requests, 0);
    assert.equal(server.requests.length, counted - refused);
    // Nothing failed but the refused values: no broken framing, no answers out of step.
    assert.equal(result.failures.reduce((sum, failure) => sum + failure.occurrences, 0), refused);
  } finally {
    folder.cleanup();
  }
});
