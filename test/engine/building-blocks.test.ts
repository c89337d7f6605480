// The engine's pieces on their own: no process, no network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRandom } from '../../src/core/schedule';
import { parseScenario, parseTemplate } from '../../src/core/scenario';
import { CaptureMissing, jsonPathSteps, StoredResponse, valueAt } from '../../src/engine/captures';
import { splitUrl } from '../../src/engine/compile-requests';
import { TemplateCompiler, type TemplateContext } from '../../src/engine/compile-template';
import { DataFeed, shareRows } from '../../src/engine/data-feed';
import { DeadlineList, type Expirable } from '../../src/engine/deadlines';
import { offsetTime, parseDotenv, uuidFrom } from '../../src/engine/dynamic-values';
import { errorCodeOf, errorText, http2Failure, timeoutText } from '../../src/engine/failure-text';
import { WakeQueue, type Sleeper } from '../../src/engine/wake-queue';

test('JSONPath steps and values', () => {
  assert.deepEqual(jsonPathSteps('$'), []);
  assert.deepEqual(jsonPathSteps('$.a[0].b'), ['a', 0, 'b']);
  const body = { a: [{ b: 'x', n: 3, o: { k: true } }], s: null };
  assert.equal(valueAt(body, ['a', 0, 'b']), 'x');
  assert.equal(valueAt(body, ['a', 0, 'n']), '3');
  assert.equal(valueAt(body, ['a', 0, 'o']), '{"k":true}');
  assert.equal(valueAt(body, ['s']), 'null');
  assert.equal(valueAt(body, ['a', 1, 'b']), undefined);
  assert.equal(valueAt('text', ['a']), undefined);
});

test('stored responses: JSON parsed on demand, headers case-insensitive', () => {
  const response = new StoredResponse('{"id": 5}', [Buffer.from('Location'), Buffer.from('/x/5')]);
  assert.deepEqual(response.jsonBody(), { id: 5 });
  assert.equal(response.header('location'), '/x/5');
  assert.equal(response.header('etag'), undefined);
  assert.equal(new StoredResponse('not json', undefined).jsonBody(), undefined);
});

function context(responses: TemplateContext['responses'] = [], rows: TemplateContext['rows'] = []): TemplateContext {
  return { random: createRandom(1), rows, responses };
}

test('templates: variables chain and fold into constants; references render per send', () => {
  const scenario = parseScenario('@base = http://h:1\n@api = {{base}}/v1\n@token = {{$processEnv T}}-{{$dotenv D}}\n\n### a\n# @name login\nGET /\n');
  const compiler = new TemplateCompiler({
    variables: scenario.variables,
    env: { T: 'env' },
    dotenv: { D: 'dot' },
    data: new Map([['p', { index: 0, columns: ['name'] }]]),
    requestsByName: new Map([['login', 0]]),
  });
  const constant = compiler.compile(parseTemplate('{{api}}/x?t={{token}}'));
  assert.equal(constant.constant, 'http://h:1/v1/x?t=env-dot');
  const dynamic = compiler.compile(parseTemplate('{{p.name}}:{{login.response.body.$.id}}:{{login.response.headers.X-A}}'));
  assert.equal(dynamic.constant, undefined);
  const response = new StoredResponse('{"id":"42"}', [Buffer.from('x-a'), Buffer.from('va')]);
  assert.equal(dynamic.render(context([response], [['ann']])), 'ann:42:va');
  assert.throws(() => dynamic.render(context([], [['ann']])), (error: Error) => error instanceof CaptureMissing && error.message === 'capture login.response.body.$.id: no value');
  assert.ok(compiler.needs.bodies.has(0));
  assert.ok(compiler.needs.headers.has(0));
  const random = compiler.compile(parseTemplate('{{$randomInt 10 12}}'));
  const shared = context();
  const values = new Set(Array.from({ length: 200 }, () => random.render(shared)));
  assert.deepEqual([...values].sort(), ['10', '11']);
});

test('uuid v4 shape, REST Client offsets, .env parsing', () => {
  assert.match(uuidFrom(createRandom(9)), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const now = Date.UTC(2024, 0, 31, 12);
  assert.equal(offsetTime(now, ['-1', 'd']), now - 86_400_000);
  assert.equal(offsetTime(now, ['2', 'h']), now + 7_200_000);
  assert.equal(new Date(offsetTime(now, ['1', 'y'])).getUTCFullYear(), 2025);
  assert.equal(offsetTime(now, []), now);
  assert.deepEqual(parseDotenv('# c\nA=1\nexport B = "two words"\nC=\'x\' \nD=v # note\nbad line\n'), { A: '1', B: 'two words', C: 'x', D: 'v' });
});

test('URLs split into origin and path', () => {
  assert.deepEqual(splitUrl('http://a:1/x/y?q=1'), ['http://a:1', '/x/y?q=1']);
  assert.deepEqual(splitUrl('https://a'), ['https://a', '/']);
  assert.deepEqual(splitUrl('http://a:1?q'), ['http://a:1', '/?q']);
  assert.equal(splitUrl('/relative'), undefined);
});

test('data: sequential cursor wraps; rows shared by stride between workers', () => {
  const rows = [['a'], ['b'], ['c'], ['d'], ['e']];
  assert.deepEqual(shareRows(rows, 0, 2), [['a'], ['c'], ['e']]);
  assert.deepEqual(shareRows(rows, 1, 2), [['b'], ['d']]);
  assert.deepEqual(shareRows(rows, 1, 8), rows);
  const feed = new DataFeed({ name: 'x', columns: ['v'], rows, random: false });
  const random = createRandom(1);
  assert.deepEqual(Array.from({ length: 7 }, () => feed.next(random)?.[0]), ['a', 'b', 'c', 'd', 'e', 'a', 'b']);
  const randomFeed = new DataFeed({ name: 'x', columns: ['v'], rows, random: true });
  const seen = new Set(Array.from({ length: 100 }, () => randomFeed.next(random)?.[0]));
  assert.equal(seen.size, 5);
  assert.equal(new DataFeed({ name: 'x', columns: [], rows: [], random: false }).next(random), undefined);
});

test('failure texts group well', () => {
  assert.equal(timeoutText(500), 'timeout after 500ms');
  assert.equal(timeoutText(5000), 'timeout after 5s');
  assert.equal(errorText(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })), 'ECONNREFUSED');
  assert.equal(errorText(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' })), 'ECONNRESET');
  assert.equal(errorText(Object.assign(new Error('bad'), { name: 'HTTPParserError' })), 'invalid HTTP response');
  assert.equal(errorText(Object.assign(new Error('bad'), { code: 'HPE_INVALID_CONSTANT' })), 'invalid HTTP response');
  assert.equal(errorText(new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' })])), 'ECONNREFUSED');
  assert.equal(errorText(new Error('plain')), 'plain');
});

test('HTTP/2 failure texts name the frame and its error code (RFC 9113 section 7)', () => {
  assert.equal(errorText(http2Failure('RST_STREAM', 7)), 'RST_STREAM REFUSED_STREAM');
  assert.equal(errorText(http2Failure('GOAWAY', 11)), 'GOAWAY ENHANCE_YOUR_CALM');
  assert.equal(errorText(http2Failure('GOAWAY', 0x99)), 'GOAWAY error 153');
  // Node's own http2 errors carry nghttp2's name in the message.
  const nodeError = (code: string, message: string): Error => Object.assign(new Error(message), { code });
  assert.equal(errorText(nodeError('ERR_HTTP2_STREAM_ERROR', 'Stream closed with error code NGHTTP2_PROTOCOL_ERROR')), 'RST_STREAM PROTOCOL_ERROR');
  assert.equal(errorText(nodeError('ERR_HTTP2_SESSION_ERROR', 'Session closed with error code NGHTTP2_INTERNAL_ERROR')), 'GOAWAY INTERNAL_ERROR');
  assert.equal(errorText(nodeError('ERR_HTTP2_GOAWAY_SESSION', 'New streams cannot be created after receiving a GOAWAY')), 'GOAWAY');
  assert.equal(errorText(nodeError('ERR_HTTP2_ERROR', 'Protocol error')), 'HTTP/2 protocol error');
  assert.equal(errorText(nodeError('ERR_HTTP2_INVALID_HEADER_VALUE', 'x')), 'HTTP/2 protocol error');
});

test('deadline lists expire in order and forget removed items', () => {
  const expired: string[] = [];
  const item = (name: string): Expirable & { name: string } => ({
    name,
    deadline: 0,
    prevDeadline: undefined,
    nextDeadline: undefined,
    deadlineList: undefined,
    expire: () => expired.push(name),
  });
  const list = new DeadlineList();
  const [a, b, c] = [item('a'), item('b'), item('c')];
  list.add(a, 10);
  list.add(b, 20);
  list.add(c, 30);
  list.remove(b);
  list.expireUntil(25);
  assert.deepEqual(expired, ['a']);
  list.expireUntil(30);
  assert.deepEqual(expired, ['a', 'c']);
  assert.equal(list.head, undefined);
});

test('the wake queue wakes sleepers in time order with one timer', async () => {
  let clock = 0;
  const queue = new WakeQueue(() => clock);
  const woken: number[] = [];
  const sleeper = (id: number): Sleeper => ({ wakeAt: 0, wake: () => woken.push(id) });
  [5, 1, 4, 2, 3].forEach((id) => queue.push(sleeper(id), id));
  clock = 3;
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepEqual(woken, [1, 2, 3]);
  clock = 10;
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepEqual(woken, [1, 2, 3, 4, 5]);
  assert.equal(queue.size, 0);
  queue.close();
});

test('errorCodeOf finds a code through AggregateError and cause, and survives a cyclic cause', () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED ::1:80'), { code: 'ECONNREFUSED' });
  assert.equal(errorCodeOf(new AggregateError([refused], 'all addresses failed')), 'ECONNREFUSED');
  assert.equal(errorCodeOf(new Error('fetch failed', { cause: refused })), 'ECONNREFUSED');
  const cyclic = new Error('loop') as Error & { cause?: unknown };
  cyclic.cause = cyclic;
  assert.equal(errorCodeOf(cyclic), undefined);
});
