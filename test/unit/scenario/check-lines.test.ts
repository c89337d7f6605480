// Diagnostics of lines and directives, each with its exact range, message and fixes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkScenario } from '../../../src/core/scenario';
import { codes, file, HEADER, only, range } from './helpers';

test('implicit-first-request: a first request without ### is read; with directives above it, an info with a fix that inserts ###', () => {
  const text = file('# @host http://h', '# @users 2', '# @name first', 'GET /x', 'Accept: */*', '', 'body');
  const result = checkScenario(text);
  assert.equal(result.scenario.requests.length, 1);
  assert.equal(result.scenario.requests[0]?.name, 'first');
  assert.deepEqual(result.scenario.requests[0]?.range.start, { line: 2, character: 0 });
  const found = only(text, 'implicit-first-request');
  assert.deepEqual([found.severity, found.range], ['info', range(3, 0, 6)]);
  assert.match(found.message, /the first request has no ###/);
  // The fix puts ### above the comment lines that belong to the request, in the file's line ending.
  assert.deepEqual(found.fixes, [{ title: 'Insert ### above this request', edits: [{ range: range(2, 0, 0), newText: '###\n' }] }]);
  assert.deepEqual(codes(text), ['no-run-time', 'implicit-first-request']);
  assert.equal(only(text.replace(/\n/g, '\r\n'), 'implicit-first-request').fixes?.[0]?.edits[0]?.newText, '###\r\n');
  // A plain REST Client file (no directives) reads without any diagnostic but the missing host.
  assert.deepEqual(codes(file('GET http://h/a', '', '###', 'GET http://h/b')), []);
});

test('unexpected-line: text in the header that is no request', () => {
  const found = only(file('  @users 50', '###', 'GET http://h/'), 'unexpected-line');
  assert.deepEqual(found.range, range(0, 2, 11));
  assert.match(found.message, /cannot read '@users 50'/);
});

test('unknown-directive: a warning, with the closest directive as a fix', () => {
  const found = only(file('# @spwan-rate 5', '# @users 5', '# @run-time 1m', '###', 'GET http://h/'), 'unknown-directive');
  assert.deepEqual([found.severity, found.range], ['warning', range(0, 2, 13)]);
  assert.match(found.message, /unknown directive '@spwan-rate': did you mean @spawn-rate\?/);
  assert.deepEqual(found.fixes, [{ title: 'Change to @spawn-rate', edits: [{ range: range(0, 2, 13), newText: '@spawn-rate' }] }]);
  const note = only(file(...HEADER, '###', '# @frobnicate keep this', 'GET /'), 'unknown-directive');
  assert.equal(note.fixes, undefined);
  assert.match(note.message, /Loadlens ignores it/);
});

test('misplaced-directive: header-only in a block, request-only in the header', () => {
  const inBlock = only(file(...HEADER, '###', '# @users 5', 'GET /'), 'misplaced-directive');
  assert.deepEqual(inBlock.range, range(4, 2, 8));
  assert.match(inBlock.message, /@users is a scenario directive: move it to the header/);
  const inHeader = only(file(...HEADER, '# @task 2', '###', 'GET /'), 'misplaced-directive');
  assert.deepEqual(inHeader.range, range(3, 2, 7));
  assert.match(inHeader.message, /@task belongs to a request/);
});

test('duplicate-directive: a repeated single-value directive warns, the later wins', () => {
  const text = file(...HEADER, '# @users 20', '###', 'GET /');
  const found = only(text, 'duplicate-directive');
  assert.deepEqual([found.severity, found.range], ['warning', range(3, 2, 8)]);
  assert.match(found.message, /already set on line 2/);
  assert.deepEqual(checkScenario(text).scenario.load, { kind: 'users', users: 20, runTimeMs: 60_000 });
});

test('bad-duration on @run-time, @timeout, @stop-timeout, @think and a stage duration', () => {
  const runTime = only(file('# @users 1', '# @run-time 5x', '###', 'GET http://h/'), 'bad-duration');
  assert.deepEqual(runTime.range, range(1, 12, 14));
  assert.match(runTime.message, /@run-time takes a duration, not '5x'/);
  assert.deepEqual(only(file(...HEADER, '# @timeout 0', '###', 'GET /'), 'bad-duration').range, range(3, 11, 12));
  assert.deepEqual(only(file(...HEADER, '# @stop-timeout soon', '###', 'GET /'), 'bad-duration').range, range(3, 16, 20));
  assert.match(only(file(...HEADER, '###', '# @think 3s..1s', 'GET /'), 'bad-duration').message, /runs backwards/);
  assert.deepEqual(only(file('# @stage 5q 10', '###', 'GET http://h/'), 'bad-duration').range, range(0, 9, 11));
});

test('bad-number: users, max-users, spawn-rate, seed, stage target', () => {
  const users = only(file('# @users 0', '# @run-time 1m', '###', 'GET http://h/'), 'bad-number');
  assert.deepEqual(users.range, range(0, 9, 10));
  assert.match(users.message, /@users takes a whole number of at least 1, not '0'/);
  assert.deepEqual(only(file(...HEADER, '# @spawn-rate -1', '###', 'GET /'), 'bad-number').range, range(3, 14, 16));
  assert.deepEqual(only(file(...HEADER, '# @seed x', '###', 'GET /'), 'bad-number').range, range(3, 8, 9));
  assert.deepEqual(only(file('# @rate 5/s', '# @run-time 1m', '# @max-users 1.5', '###', 'GET http://h/'), 'bad-number').range, range(2, 13, 16));
  assert.deepEqual(only(file('# @stage 1m lots', '###', 'GET http://h/'), 'bad-number').range, range(0, 12, 16));
});

test('bad-stage: a stage needs exactly a duration and a target', () => {
  assert.deepEqual(only(file('# @stage 1m', '###', 'GET http://h/'), 'bad-stage').range, range(0, 9, 11));
  assert.deepEqual(only(file('# @stage 1m 5 6', '###', 'GET http://h/'), 'bad-stage').range, range(0, 9, 15));
});

test('bad-rate: @rate needs R/s; a bare number gets a fix', () => {
  const found = only(file('# @rate 50', '# @run-time 1m', '###', 'GET http://h/'), 'bad-rate');
  assert.deepEqual(found.range, range(0, 8, 10));
  assert.match(found.message, /@rate takes arrivals per second as R\/s.*not '50'/);
  assert.deepEqual(found.fixes?.[0]?.edits, [{ range: range(0, 8, 10), newText: '50/s' }]);
});

test('bad-weight: task weight must be an integer > 0', () => {
  for (const weight of ['0', '-1', '1.5', 'heavy']) {
    const found = only(file(...HEADER, '###', `# @task ${weight}`, 'GET /'), 'bad-weight');
    assert.deepEqual(found.range, range(4, 8, 8 + weight.length));
    assert.match(found.message, new RegExp(`not '${weight.replace('.', '\\.')}'`));
  }
});

test('bad-threshold: the parser\'s message on the rule\'s range', () => {
  const found = only(file(...HEADER, '# @threshold errors < 1', '###', 'GET /'), 'bad-threshold');
  assert.deepEqual(found.range, range(3, 13, 23));
  assert.match(found.message, /errors takes a percentage, not '1'/);
  assert.deepEqual(only(file(...HEADER, '###', '# @threshold rps > 10ms', 'GET /'), 'bad-threshold').range, range(4, 13, 23));
});

test('bad-expect: codes must be 100-599 or a class', () => {
  const found = only(file(...HEADER, '###', '# @expect status 200,2x', 'GET /'), 'bad-expect');
  assert.deepEqual(found.range, range(4, 10, 23));
  assert.match(found.message, /'2x' is not a status code/);
  assert.match(only(file(...HEADER, '###', '# @expect 200', 'GET /'), 'bad-expect').message, /write # @expect status CODES/);
  assert.equal(codes(file(...HEADER, '###', '# @expect status 600', 'GET /'))[0], 'bad-expect');
});

test('bad-name, bad-host, bad-data', () => {
  assert.deepEqual(only(file(...HEADER, '###', '# @name my request', 'GET /'), 'bad-name').range, range(4, 8, 18));
  assert.deepEqual(only(file('# @host localhost:8080', '# @users 1', '# @run-time 1m', '###', 'GET http://h/'), 'bad-host').range, range(0, 8, 22));
  const perRequest = only(file('# @host http://{{$randomInt 1 9}}', '# @users 1', '# @run-time 1m', '###', 'GET http://h/'), 'bad-host');
  assert.deepEqual(perRequest.range, range(0, 15, 33));
  assert.deepEqual(only(file(...HEADER, '# @data', '###', 'GET /'), 'bad-data').range, range(3, 7, 7));
  assert.deepEqual(only(file(...HEADER, '# @data a.csv as', '###', 'GET /'), 'bad-data').range, range(3, 14, 16));
  assert.deepEqual(only(file(...HEADER, '# @data a.csv', '# @data a.csv', '###', 'GET /'), 'bad-data').range, range(4, 8, 13));
});

test('bad-method with the closest method as a fix; bad-request-line; bad-url', () => {
  const found = only(file(...HEADER, '###', 'gte /x'), 'bad-method');
  assert.deepEqual(found.range, range(4, 0, 3));
  assert.match(found.message, /unknown method 'gte': use GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, or another method in capitals/);
  assert.deepEqual(found.fixes?.[0]?.edits, [{ range: range(4, 0, 3), newText: 'GET' }]);
  assert.deepEqual(only(file(...HEADER, '###', '  hello  '), 'bad-request-line').range, range(4, 2, 7));
  assert.match(only(file(...HEADER, '###', 'GET'), 'bad-request-line').message, /GET needs a URL/);
  // A method in capitals that no list names is HTTP's own token method; close to a common one, it warns.
  const unusual = only(file(...HEADER, '###', 'GTE /x'), 'unusual-method');
  assert.deepEqual([unusual.severity, unusual.range, unusual.fixes?.[0]?.edits[0]?.newText], ['warning', range(4, 0, 3), 'GET']);
  assert.deepEqual(codes(file(...HEADER, '###', 'PROPFIND /x')), []);
  const url = only(file(...HEADER, '###', 'GET localhost/x HTTP/1.1'), 'bad-url');
  assert.deepEqual(url.range, range(4, 4, 15));
});

test('bad-header: a line among headers that is not Name: value', () => {
  const found = only(file(...HEADER, '###', 'POST /x', 'Content-Type application/json'), 'bad-header');
  assert.deepEqual(found.range, range(5, 0, 29));
});

test('missing-request-line: a block with directives but no request warns; an empty block is fine', () => {
  const found = only(file(...HEADER, '### Setup', '# @task 2', '', '###', 'GET /'), 'missing-request-line');
  assert.deepEqual([found.severity, found.range], ['warning', range(3, 0, 9)]);
  assert.deepEqual(codes(file(...HEADER, '### Section', '# just a comment', '###', 'GET /', '###')), []);
});
