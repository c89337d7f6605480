// Files written for REST Client, httpYac and the JetBrains client read as those tools read them
// (docs/scenario-requests.md, "Lines").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkScenario } from '../../../src/core/scenario';
import { codes, file, only, range } from './helpers';

function requestsOf(text: string) {
  return checkScenario(text).scenario.requests;
}

test('first request without ###: scenario directives stay in the header, request ones go to the request', () => {
  const text = file('# @users 3', '# @think 1s', '# @threshold p95 < 1s', '', '# @task 2', '# @think 2s', '# @timeout 5s', 'GET http://h/a', '', '###', 'GET http://h/b');
  const { scenario, diagnostics } = checkScenario(text);
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
  assert.equal(scenario.load?.kind === 'users' && scenario.load.users, 3);
  // @think and @threshold above the empty line: the scenario's; @think and @timeout right above: the request's.
  assert.deepEqual(scenario.think, { minMs: 1000, maxMs: 1000 });
  assert.equal(scenario.thresholds.length, 1);
  const [first, second] = scenario.requests;
  assert.deepEqual(first?.think, { minMs: 2000, maxMs: 2000 });
  assert.equal(first?.timeoutMs, 5000);
  assert.deepEqual(scenario.tasks.map((task) => [task.weight, task.requests]), [[2, [0, 1]]]);
  assert.equal(second?.url.raw, 'http://h/b');
  assert.deepEqual(only(text, 'implicit-first-request').fixes?.[0]?.edits[0]?.range, range(4, 0, 0));
});

test('a file with one URL-only request line is a GET', () => {
  const [request] = requestsOf('https://example.invalid/comments/1');
  assert.deepEqual([request?.method, request?.url.raw], ['GET', 'https://example.invalid/comments/1']);
  assert.deepEqual(codes('https://example.invalid/comments/1 HTTP/1.1'), []);
  assert.equal(requestsOf('https://example.invalid/ HTTP/2')[0]?.httpVersion, 'HTTP/2');
});

test('block comments are comments, wherever they stand outside a body', () => {
  const text = file('/*', ' GET http://not-a-request/', ' ### not a block', '*/', 'GET http://h/a', '/* one line */', 'Accept: */*');
  const requests = requestsOf(text);
  assert.equal(requests.length, 1);
  assert.deepEqual(requests[0]?.headers.map((h) => h.name), ['Accept']);
  assert.deepEqual(codes(text), []);
});

test('httpYac script blocks: a warning on the opening line, never an error; ### inside is not a separator', () => {
  const text = file('{{', '  const x = `{{`;', '  ###', '  exports.token = "t";', '}}', 'GET http://h/a', '', '{{@response', '  console.info(response);', '}}', '###', 'GET http://h/b');
  const { scenario, diagnostics } = checkScenario(text);
  assert.equal(scenario.requests.length, 2);
  const warnings = diagnostics.filter((d) => d.code === 'not-run-under-load');
  assert.deepEqual(warnings.map((d) => [d.severity, d.range.start.line, d.message]), [
    ['warning', 0, 'httpYac script block: not run under load (Loadlens sends the request without it)'],
    ['warning', 7, 'httpYac script block: not run under load (Loadlens sends the request without it)'],
  ]);
  assert.equal(scenario.requests[0]?.body, undefined);
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
});

test('JetBrains handlers, redirects, previous-response references and assertions: warnings that end the body', () => {
  const text = file(
    '### JSON',
    '< {%',
    '  request.variables.set("a", "1");',
    '%}',
    'POST http://h/a',
    'Content-Type: application/json',
    '',
    '{"a": 1}',
    '',
    '> {%',
    '  client.test("ok", function () {});',
    '%}',
    '>> ./out.json',
    '<> ./previous.json',
    '> ./handler.js',
    '?? status == 200',
  );
  const { scenario, diagnostics } = checkScenario(text);
  const body = scenario.requests[0]?.body;
  assert.equal(body?.kind === 'inline' && body.template.raw, '{"a": 1}');
  const foreign = diagnostics.filter((d) => d.code === 'not-run-under-load').map((d) => [d.range.start.line, d.message.split(':')[0]]);
  assert.deepEqual(foreign, [
    [1, 'JetBrains pre-request script'],
    [9, 'JetBrains response handler'],
    [12, 'response redirect (>> file)'],
    [13, 'JetBrains previous-response reference (<> file)'],
    [14, 'JetBrains response handler file'],
  ]);
  assert.deepEqual(scenario.requests[0]?.checks?.map((check) => check.text), ['status == 200']);
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
});

test('?? between headers is a check, ? and & lines continue the query', () => {
  const text = file('GET http://h/search', '  ?q=1', '  &page=2', '?? status == 200', 'Accept: */*');
  const [request] = requestsOf(text);
  assert.equal(request?.url.raw, 'http://h/search?q=1&page=2');
  assert.deepEqual(request?.headers.map((h) => h.name), ['Accept']);
  assert.deepEqual(request?.checks?.map((check) => check.text), ['status == 200']);
  assert.deepEqual(codes(text), []);
});

test('a URL continued on indented lines (JetBrains)', () => {
  const text = file('GET http://h:8080', '    /api', '    /get', '    ?id=123', '    &value=content', 'Accept: */*');
  const [request] = requestsOf(text);
  assert.equal(request?.url.raw, 'http://h:8080/api/get?id=123&value=content');
  assert.deepEqual(codes(text), []);
});

test('other-tool metadata is a warning with the tool name; unknown words stay unknown', () => {
  const text = file('# @import ./other.http', '# @loop for 3', '# @ref login', '# @note careful', '# @no-log', 'GET http://h/');
  const found = checkScenario(text).diagnostics;
  assert.deepEqual(found.map((d) => [d.code, d.message.split(':')[0]]), [
    ['not-run-under-load', 'httpYac metadata @import'],
    ['not-run-under-load', 'httpYac metadata @loop'],
    ['not-run-under-load', 'httpYac metadata @ref'],
    ['not-run-under-load', 'REST Client metadata @note'],
    ['not-run-under-load', 'JetBrains metadata @no-log'],
  ]);
  assert.deepEqual(found[0]?.range, range(0, 2, 9));
});

test('requests of other protocols and OPTIONS * are skipped with a warning; the rest runs', () => {
  const text = file('GRPC grpcb.invalid:9000/grpcbin.GRPCBin/Index', '{}', '', '###', 'WS ws://h/socket', '', '###', 'OPTIONS * HTTP/1.1', 'Host: h', '', '###', 'GET http://h/ok');
  const { scenario, diagnostics } = checkScenario(text);
  assert.deepEqual(scenario.requests.map((r) => r.url.raw), ['http://h/ok']);
  assert.equal(scenario.requests[0]?.index, 0);
  assert.deepEqual(scenario.skipped?.map((s) => [s.name, s.line]), [
    ['GRPC grpcb.invalid:9000/grpcbin.GRPCBin/Index', 1],
    ['WS ws://h/socket', 5],
    ['OPTIONS *', 8],
  ]);
  const skipped = diagnostics.filter((d) => d.code === 'skipped-request');
  assert.deepEqual(skipped.map((d) => [d.severity, d.range]), [['warning', range(0, 0, 45)], ['warning', range(4, 0, 16)], ['warning', range(7, 0, 18)]]);
  assert.match(skipped[0]?.message ?? '', /GRPC request: Loadlens load-tests HTTP only, so this request is skipped; the rest of the file runs/);
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
});

test('IPv6 hosts, fragments (dropped), version suffixes', () => {
  const [ipv6, fragment] = requestsOf(file('GET http://[::1]:8080/a HTTP/1.1', '', '###', 'GET http://h/page#section'));
  assert.deepEqual([ipv6?.url.raw, ipv6?.httpVersion], ['http://[::1]:8080/a', 'HTTP/1.1']);
  assert.equal(fragment?.url.raw, 'http://h/page');
  assert.equal(requestsOf('GET http://h/{{"#"}}x#frag')[0]?.url.raw.endsWith('x'), true);
});

test('body files: < ./file, <@ ./file (variables processed, no warning), <@latin1, an unknown <@encoding; multipart parts', () => {
  const exists = (path: string) => path.replace(/^\.\//, '') === 'body.json';
  const body = (text: string) => requestsOf(text)[0]?.body;
  assert.deepEqual(body(file('POST http://h/', '', '< ./body.json')), { kind: 'file', path: './body.json', range: range(2, 0, 13) });
  const processed = body(file('POST http://h/', '', '<@latin1 ./body.json'));
  assert.deepEqual([processed?.kind === 'file' && processed.variables, processed?.kind === 'file' && processed.encoding], [true, 'latin1']);
  assert.deepEqual(checkScenario(file('POST http://h/', '', '<@ ./body.json')).diagnostics.filter((d) => d.code.startsWith('body-file')), []);
  const unknown = only(file('POST http://h/', '', '<@utf-16 ./body.json'), 'body-file-encoding');
  assert.deepEqual([unknown.severity, unknown.range], ['error', range(2, 0, 8)]);
  assert.match(unknown.message, /unknown encoding 'utf-16'.*<@latin1/);
  const multipart = file(
    'POST http://h/upload',
    'Content-Type: multipart/form-data; boundary=B',
    '',
    '--B',
    'Content-Disposition: form-data; name="file"; filename="a.json"',
    '',
    '< ./missing.json',
    '--B--',
  );
  const missing = only(multipart, 'missing-body-file', { fileExists: exists });
  assert.deepEqual(missing.range, range(6, 0, 16));
  assert.deepEqual(codes(multipart.replace('missing.json', 'body.json'), { fileExists: exists }), []);
});

test('httpYac: request lines one after another are separate requests; a body may follow without an empty line', () => {
  const requests = requestsOf(file('GET http://h/a', 'GET http://h/b', 'Accept: */*', 'POST http://h/c', '{"a": 1}', '', '###', 'GET http://h/d'));
  assert.deepEqual(requests.map((r) => [r.method, r.url.raw, r.range.start.line, r.range.end.line]), [
    ['GET', 'http://h/a', 0, 0],
    ['GET', 'http://h/b', 1, 2],
    ['POST', 'http://h/c', 3, 4],
    ['GET', 'http://h/d', 6, 7],
  ]);
  const body = requests[2]?.body;
  assert.equal(body?.kind === 'inline' && body.template.raw, '{"a": 1}');
  // A header written wrong is still a bad header, not a body.
  assert.deepEqual(codes(file('POST http://h/x', 'Content-Type application/json')), ['bad-header']);
});

test('a file whose every request is skipped warns that nothing is left to load-test', () => {
  const found = only(file('GRPC /HelloService/sayHello', '{}'), 'only-skipped-requests');
  assert.deepEqual([found.severity, found.range], ['warning', range(0, 0, 27)]);
});

test('headers of any name stay headers before a body written without an empty line', () => {
  const [request] = requestsOf(file('POST http://h/x', 'X-Trace: 1', 'x-lower: 2', 'Authorization: Bearer t', '{"a": 1}'));
  assert.deepEqual(request?.headers.map((h) => h.name), ['X-Trace', 'x-lower', 'Authorization']);
  assert.equal(request?.body?.kind === 'inline' && request.body.template.raw, '{"a": 1}');
});

test('httpYac JavaScript expressions and other tools\' prompts and helpers in {{ }}: warnings, sent as written', () => {
  const text = file('POST http://h/x', 'X-When: {{new Date().toString()}}', 'X-Who: {{$input user? $value: foo}}', 'X-Id: {{$random.uuid}}', 'X-Token: {{$aadToken}}', '', '{{user.replace(" ", "+")}}');
  const found = checkScenario(text).diagnostics;
  assert.deepEqual(found.map((d) => [d.code, d.range.start.line, d.message.split(" '{{")[0]]), [
    ['not-run-under-load', 1, 'httpYac JavaScript expression'],
    ['not-run-under-load', 2, 'httpYac prompt'],
    ['not-run-under-load', 3, 'JetBrains random value'],
    ['not-run-under-load', 4, 'REST Client / httpYac sign-in token'],
    ['not-run-under-load', 6, 'httpYac JavaScript expression'],
  ]);
  assert.deepEqual(found[0]?.range, range(1, 8, 33));
  assert.match(found[0]?.message ?? '', /not run under load \(Loadlens sends it as written\)$/);
  // A typo stays an error: only forms some tool defines are warnings.
  assert.deepEqual(codes(file('GET http://h/{{$guiid}}')), ['unknown-system-variable']);
});

test('GraphQL fragments and proto imports with their options are other tools\' lines', () => {
  const text = file('fragment Parts on Repo {', '  name', '  owner { login }', '}', 'proto < ./hello.proto', 'keepCase: true', 'longs: String', '', 'POST http://h/graphql', '', 'query { viewer { ...Parts } }');
  const { scenario, diagnostics } = checkScenario(text);
  assert.equal(scenario.requests.length, 1);
  assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line, d.message.split(':')[0]]), [
    ['not-run-under-load', 0, 'httpYac GraphQL fragment'],
    ['not-run-under-load', 4, 'httpYac proto import (gRPC)'],
  ]);
});

test('httpYac forms: lazy @name := value, # @name=value, URL-only WebSocket and Unix socket lines', () => {
  const { scenario, diagnostics } = checkScenario(file('@base := http://h', '# @name=first', 'GET {{base}}/a', '', '###', 'wss://h/socket', '', '###', 'GET unix:/var/run/docker.sock:/containers/json'));
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
  assert.deepEqual([scenario.variables[0]?.name, scenario.requests[0]?.name], ['base', 'first']);
  assert.deepEqual(scenario.skipped?.map((s) => [s.name, s.reason.split(':')[0]]), [
    ['WS wss://h/socket', 'WS request'],
    ['GET unix:/var/run/docker.sock:/containers/json', 'Unix socket request'],
  ]);
});

test('cURL commands (REST Client) and JetBrains GRAPHQL requests are skipped with a warning', () => {
  const { scenario } = checkScenario(file("curl -X POST https://h.invalid/x -d '{}'", '', '###', 'GRAPHQL http://h/graphql', '', 'query { a }', '', '###', 'GET http://h/'));
  assert.deepEqual(scenario.skipped?.map((s) => [s.line, s.reason.split(':')[0]]), [[1, 'cURL command (REST Client)'], [4, 'GRAPHQL request']]);
  assert.equal(scenario.requests.length, 1);
});

test('a multipart body with {{ }} warns that its < file lines go out as text', () => {
  const text = file('POST http://h/upload', 'Content-Type: multipart/form-data; boundary=B', '', '--B', 'X-Id: {{$guid}}', '', '< ./a.json', '--B--');
  const found = only(text, 'multipart-parts-as-text');
  assert.deepEqual([found.severity, found.range], ['warning', range(6, 0, 10)]);
});
