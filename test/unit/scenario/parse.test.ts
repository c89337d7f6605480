import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkScenario, parseScenario, statsNameOf, type RequestBlock } from '../../../src/core/scenario';
import { assertClean, file, HEADER, range } from './helpers';

const SPEC_EXAMPLE = readFileSync(join(__dirname, '../../fixtures/scenarios/spec-example.load.http'), 'utf8');

function request(text: string, index = 0): RequestBlock {
  const found = parseScenario(text).requests[index];
  assert.ok(found, `no request ${index}`);
  return found;
}

test("the spec's own example parses with zero diagnostics", () => {
  assertClean(SPEC_EXAMPLE, { fileExists: () => true, csvColumns: () => ['name'] });
  const scenario = parseScenario(SPEC_EXAMPLE);
  assert.equal(scenario.host?.raw, 'http://localhost:8888');
  assert.deepEqual(scenario.load?.kind === 'stages' && scenario.load.stages.map((s) => [s.durationMs, s.target]), [[300_000, 100], [180_000, 100], [120_000, 0]]);
  assert.deepEqual(scenario.think, { minMs: 1000, maxMs: 2000 });
  assert.deepEqual(scenario.thresholds.map((t) => [t.text, t.value, t.scope]), [['p95 < 500ms', 500, 'header'], ['errors < 1%', 1, 'header']]);
  assert.deepEqual(scenario.data, [{ file: 'patients.csv', name: 'patient', random: false, range: range(9, 0, 31) }]);
  assert.deepEqual(scenario.requests.map((r) => [r.statsName, r.method, r.url.raw, r.name]), [
    ['Home page', 'GET', '/', undefined],
    ['List hospitals', 'GET', '/hospital', undefined],
    ['Create a hospital', 'POST', '/hospital', 'hospital'],
    ['Admit a patient to it', 'POST', '/patient', undefined],
  ]);
  assert.deepEqual(scenario.tasks.map((t) => [t.weight, t.requests]), [[5, [0]], [3, [1]], [1, [2, 3]]]);
  assert.deepEqual(scenario.requests[1]?.thresholds.map((t) => [t.text, t.scope]), [['p95 < 300ms', 1]]);
  assert.deepEqual(scenario.requests[3]?.expect, { ranges: [[201, 201]], text: 'status 201', range: range(29, 0, 20) });
  assert.deepEqual(scenario.requests[2]?.headers.map((h) => [h.name, h.value.raw, h.range]), [['Content-Type', 'application/json', range(24, 0, 30)]]);
  assert.equal(scenario.timeoutMs, 30_000);
  assert.equal(scenario.stopTimeoutMs, 0);
  assert.equal(scenario.lineCount, SPEC_EXAMPLE.split('\n').length);
});

test('request blocks keep exact ranges: block, request line, URL, body', () => {
  const text = file('# @host http://h', '', '### Create', '# @name made', 'POST /items HTTP/1.1', 'Content-Type: application/json', '', '{', '  "a": 1', '}', '', '', '### Next', 'GET /');
  const made = request(text);
  assert.deepEqual(made.range, range(2, 0, 1, 9));
  assert.deepEqual(made.requestLineRange, range(4, 0, 20));
  assert.deepEqual(made.url.range, range(4, 5, 11));
  assert.equal(made.httpVersion, 'HTTP/1.1');
  assert.deepEqual(made.body && made.body.kind === 'inline' && [made.body.template.raw, made.body.range], ['{\n  "a": 1\n}', range(7, 0, 1, 9)]);
  assert.deepEqual(request(text, 1).range, range(12, 0, 5, 13));
});

test('stats names: the title, else METHOD URL with templates unexpanded', () => {
  assert.equal(request(file('###', 'GET /patient/{{id}}')).statsName, 'GET /patient/{{id}}');
  assert.equal(request(file('###   Titled  ', 'GET /x')).statsName, 'Titled');
  assert.equal(request(file('###', 'GET /x')).title, undefined);
  assert.equal(statsNameOf('POST', '/a/{{b}}'), 'POST /a/{{b}}');
  assert.equal(statsNameOf('POST', '/a', '  '), 'POST /a');
});

test('request lines: every method, lowercase, URL alone, absolute URLs', () => {
  for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']) assert.equal(request(file('###', `${method} /x`)).method, method);
  assert.equal(request(file('###', 'post /x')).method, 'POST');
  assert.deepEqual([request(file('###', '/only')).method, request(file('###', '/only')).url.raw], ['GET', '/only']);
  assert.equal(request(file('###', 'GET https://example.com/a?b=1')).url.raw, 'https://example.com/a?b=1');
  assert.equal(request(file('###', 'GET {{base}}/a')).url.parts[0]?.kind, 'variable');
});

test('query continuation lines (?, &) join the URL, as in REST Client', () => {
  const made = request(file('###', 'GET /search', '  ?q={{term}}', '  &page=2', 'Accept: */*'));
  assert.equal(made.url.raw, '/search?q={{term}}&page=2');
  assert.deepEqual(made.url.range, range(1, 4, 9, 3));
  assert.deepEqual(made.url.parts[1], { kind: 'variable', name: 'term', range: range(2, 5, 13) });
  assert.equal(made.headers.length, 1);
  assert.equal(made.statsName, 'GET /search?q={{term}}&page=2');
});

test('bodies: from the first empty line to the next ###, trailing empty lines dropped, # lines are body text', () => {
  const made = request(file('###', 'POST /x', '', '# not a comment here', '@x = not a variable', '', 'end', '', '', '###', 'GET /'));
  assert.equal(made.body?.kind === 'inline' && made.body.template.raw, '# not a comment here\n@x = not a variable\n\nend');
  assert.equal(parseScenario(file('###', 'POST /x', '', '# not a comment here')).directives.length, 0);
  assert.equal(request(file('###', 'GET /x', '', '', '')).body, undefined);
});

test('a body line "< ./file.json" sends a file', () => {
  const made = request(file('###', 'POST /x', 'Content-Type: application/json', '', '< ./payload.json', ''));
  assert.deepEqual(made.body, { kind: 'file', path: './payload.json', range: range(4, 0, 16) });
});

test('comments # and // are skipped; // @x is a directive', () => {
  const scenario = parseScenario(file('// a comment', '# another', '// @users 5', '# @run-time 1m', '###', '// comment in block', 'GET /'));
  assert.deepEqual(scenario.load, { kind: 'users', users: 5, runTimeMs: 60_000 });
  assert.equal(scenario.requests.length, 1);
});

test('directives keep name and argument ranges and their scope', () => {
  const scenario = parseScenario(file('  # @users   50  ', '###', '//@name first', 'GET /'));
  assert.deepEqual(scenario.directives, [
    { name: 'users', args: '50', range: range(0, 2, 15), nameRange: range(2 - 2, 4, 10), argsRange: range(0, 13, 15), scope: 'header' },
    { name: 'name', args: 'first', range: range(2, 0, 13), nameRange: range(2, 2, 7), argsRange: range(2, 8, 13), scope: 0 },
  ]);
});

test('file variables anywhere outside a body, with ranges; variables may use variables', () => {
  const scenario = parseScenario(file('@base = http://h', '###', '@id = {{base}}/1', 'GET {{id}}', '', '@notAVariable = 1'));
  assert.deepEqual(scenario.variables.map((v) => [v.name, v.value.raw, v.range, v.nameRange]), [
    ['base', 'http://h', range(0, 0, 16), range(0, 1, 5)],
    ['id', '{{base}}/1', range(2, 0, 16), range(2, 1, 3)],
  ]);
  assert.deepEqual(scenario.variables[1]?.value.parts[0], { kind: 'variable', name: 'base', range: range(2, 6, 14) });
});

test('a later definition of a variable is valid for uses above it', () => {
  assertClean(file(...HEADER, '###', 'GET /{{late}}', '', '###', '@late = x', 'GET /'));
});

test('load model: users with spawn rate and run time', () => {
  const scenario = parseScenario(file('# @users 100', '# @spawn-rate 10', '# @run-time 2m', '###', 'GET /'));
  assert.deepEqual(scenario.load, { kind: 'users', users: 100, spawnRate: 10, runTimeMs: 120_000 });
});

test('load model: rate with run time and max users (default 1000)', () => {
  assert.deepEqual(parseScenario(file('# @rate 50/s', '# @run-time 1m', '###', 'GET /')).load, { kind: 'rate', rate: 50, runTimeMs: 60_000, maxUsers: 1000 });
  assert.deepEqual(parseScenario(file('# @rate 2.5/s', '# @max-users 20', '###', 'GET /')).load, { kind: 'rate', rate: 2.5, maxUsers: 20 });
});

test('load model: rate stages; no load directives leave the model to the run', () => {
  const scenario = parseScenario(file('# @stage 30s 10/s', '# @stage 1m 0/s', '# @max-users 50', '###', 'GET /'));
  assert.deepEqual(scenario.load?.kind === 'stages' && [scenario.load.target, scenario.load.maxUsers, scenario.load.stages.map((s) => s.target)], ['rate', 50, [10, 0]]);
  assert.equal(parseScenario(file('###', 'GET /')).load, undefined);
});

test('scenario settings: timeout, stop-timeout, seed, think, data', () => {
  const scenario = parseScenario(file('# @timeout 5s', '# @stop-timeout 10s', '# @seed 42', '# @think 2s', '# @data data/users-1.csv random', '# @data b.csv as other', '###', 'GET /'));
  assert.deepEqual([scenario.timeoutMs, scenario.stopTimeoutMs, scenario.seed, scenario.think], [5000, 10_000, 42, { minMs: 2000, maxMs: 2000 }]);
  assert.deepEqual(scenario.data.map((d) => [d.file, d.name, d.random]), [['data/users-1.csv', 'users-1', true], ['b.csv', 'other', false]]);
  const reordered = parseScenario(file('# @data c.csv random as third', '###', 'GET /')).data[0];
  assert.deepEqual([reordered?.name, reordered?.random], ['third', true]);
});

test('request settings: expect, threshold, think, timeout', () => {
  const made = request(file('###', '# @expect status 200, 204,3xx', '# @threshold p99 < 1s warn abort', '# @think 1s..2s', '# @timeout 2s', 'GET /'));
  assert.deepEqual(made.expect?.ranges, [[200, 200], [204, 204], [300, 399]]);
  assert.deepEqual(made.thresholds.map((t) => [t.value, t.severity, t.abort, t.scope, t.range]), [[1000, 'warn', true, 0, range(2, 0, 32)]]);
  assert.deepEqual([made.think, made.timeoutMs], [{ minMs: 1000, maxMs: 2000 }, 2000]);
});

test('tasks: none = one task of all requests; @task starts one, blocks below continue it', () => {
  assert.deepEqual(parseScenario(file('###', 'GET /a', '###', 'GET /b')).tasks, [{ weight: 1, requests: [0, 1] }]);
  const tasks = parseScenario(file('###', '# @task 2', 'GET /a', '###', 'GET /b', '###', '# @task', 'GET /c')).tasks;
  assert.deepEqual(tasks, [{ weight: 2, requests: [0, 1], range: range(1, 0, 9) }, { weight: 1, requests: [2], range: range(6, 0, 7) }]);
});

test('requests above the first @task form their own task of weight 1', () => {
  const result = checkScenario(file(...HEADER, '###', 'GET /a', '###', '# @task 3', 'GET /b'));
  assert.deepEqual(result.scenario.tasks.map((t) => [t.weight, t.requests]), [[1, [0]], [3, [1]]]);
  assert.deepEqual(result.diagnostics.map((d) => [d.code, d.range]), [['request-before-first-task', range(4, 0, 6)]]);
});

test('CRLF files give the same model as LF files', () => {
  const crlf = SPEC_EXAMPLE.replace(/\n/g, '\r\n');
  assert.deepEqual(parseScenario(crlf), parseScenario(SPEC_EXAMPLE));
  assert.deepEqual(checkScenario(crlf).diagnostics, checkScenario(SPEC_EXAMPLE).diagnostics);
});

test('a body made only of comment lines is no body', () => {
  assert.equal(request(file('###', 'GET /a', '', '# next: the admin requests', '// more', '', '###', 'GET /b')).body, undefined);
  assert.equal(request(file('###', 'POST /a', '', '# text', 'payload')).body?.kind, 'inline');
});

test('every fixture scenario checks clean when its files exist', () => {
  const dir = join(__dirname, '../../fixtures/scenarios');
  const env = { fileExists: () => true, csvColumns: () => ['id', 'name'] };
  for (const name of readdirSync(dir).filter((entry) => entry.endsWith('.load.http'))) {
    assert.deepEqual(checkScenario(readFileSync(join(dir, name), 'utf8'), env).diagnostics.map((d) => `${d.code}: ${d.message}`), [], name);
  }
});

test('the quick-test fixture: users model, tasks, continuation URL, file body', () => {
  const scenario = parseScenario(readFileSync(join(__dirname, '../../fixtures/scenarios/users-quick.load.http'), 'utf8'));
  assert.deepEqual(scenario.load, { kind: 'users', users: 50, spawnRate: 5, runTimeMs: 120_000 });
  assert.deepEqual([scenario.timeoutMs, scenario.stopTimeoutMs, scenario.seed], [5000, 10_000, 7]);
  assert.deepEqual(scenario.tasks.map((t) => [t.weight, t.requests]), [[1, [0, 1]], [2, [2]]]);
  assert.equal(scenario.requests[1]?.url.raw, '/me?fields=name&since={{$timestamp -1 d}}');
  assert.deepEqual(scenario.requests[2]?.body?.kind === 'file' && scenario.requests[2].body.path, './upload.bin');
  assert.equal(scenario.requests[2]?.timeoutMs, 30_000);
});

test('directives of a block without a request line belong to no request (scope -1)', () => {
  const scenario = parseScenario(file('### Empty', '# @task 2', '### Real', '# @name real', 'GET http://h/'));
  assert.deepEqual(scenario.directives.map((d) => [d.name, d.scope]), [['task', -1], ['name', 0]]);
  assert.deepEqual(scenario.tasks, [{ weight: 1, requests: [0] }]);
});
