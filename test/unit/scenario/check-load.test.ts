// Diagnostics of the load model and of the file as a whole.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkScenario } from '../../../src/core/scenario';
import { assertClean, codes, file, HEADER, only, range } from './helpers';

test('mixed-load-models: the first model wins, every directive of the others is an error', () => {
  const text = file('# @host http://h', '# @users 10', '# @run-time 1m', '# @rate 5/s', '# @stage 1m 10', '###', 'GET /');
  const found = checkScenario(text).diagnostics.filter((d) => d.code === 'mixed-load-models');
  assert.deepEqual(found.map((d) => d.range), [range(3, 2, 7), range(4, 2, 8)]);
  assert.match(found[0]?.message ?? '', /@rate cannot be combined with @users \(line 2\): keep one load model/);
  assert.deepEqual(checkScenario(text).scenario.load, { kind: 'users', users: 10, runTimeMs: 60_000 });
});

test('mixed-stage-kinds: users and R/s stages in one file', () => {
  const text = file('# @host http://h', '# @stage 1m 10', '# @stage 1m 5/s', '###', 'GET /');
  const found = only(text, 'mixed-stage-kinds');
  assert.deepEqual(found.range, range(2, 12, 15));
  assert.match(found.message, /the first stage \(line 2\) counts users/);
  const load = checkScenario(text).scenario.load;
  assert.deepEqual(load?.kind === 'stages' && load.stages.length, 1);
});

test('no-run-time: @users or @rate without @run-time runs until stopped (warning)', () => {
  const users = only(file('# @host http://h', '# @users 10', '###', 'GET /'), 'no-run-time');
  assert.deepEqual([users.severity, users.range], ['warning', range(1, 2, 8)]);
  assert.match(users.message, /runs? .*until it is stopped/);
  assert.deepEqual(only(file('# @host http://h', '# @rate 1/s', '###', 'GET /'), 'no-run-time').range, range(1, 2, 7));
  assert.deepEqual(codes(file('# @host http://h', '# @stage 1m 5', '###', 'GET /')), []);
});

test('unused-directive: options that do not belong to the chosen model', () => {
  assert.match(only(file(...HEADER.slice(0, 1), '# @stage 1m 5', '# @spawn-rate 2', '###', 'GET /'), 'unused-directive').message, /@spawn-rate only applies with @users/);
  assert.match(only(file(...HEADER, '# @max-users 5', '###', 'GET /'), 'unused-directive').message, /@max-users only applies with @rate/);
  assert.deepEqual(only(file(...HEADER.slice(0, 1), '# @stage 1m 5', '# @run-time 2m', '###', 'GET /'), 'unused-directive').range, range(2, 2, 11));
  assert.match(only(file(...HEADER.slice(0, 1), '# @run-time 2m', '###', 'GET /'), 'unused-directive').message, /add one of them/);
});

test('no-requests: a file without a request is an error on its first line', () => {
  const found = only(file('# @users 5', '# @run-time 1m'), 'no-requests');
  assert.deepEqual([found.severity, found.range], ['error', range(0, 0, 10)]);
  assert.deepEqual(only('', 'no-requests').range, range(0, 0, 0));
});

test('missing-host: the first relative URL warns when there is no @host', () => {
  const found = only(file('# @users 1', '# @run-time 1m', '###', 'GET http://x/a', '###', 'GET /b', '###', 'GET /c'), 'missing-host');
  assert.deepEqual([found.severity, found.range], ['warning', range(5, 4, 6)]);
  assert.match(found.message, /relative URL '\/b' and no # @host/);
  assertClean(file(...HEADER, '###', 'GET /b'));
});

test('duplicate-name: two requests with one @name', () => {
  const found = only(file(...HEADER, '###', '# @name a', 'GET /1', '###', '# @name a', 'GET /2'), 'duplicate-name');
  assert.deepEqual(found.range, range(7, 8, 9));
  assert.match(found.message, /already named 'a' \(line 5\)/);
});

test('variable-cycle: variables that refer to themselves', () => {
  const found = only(file(...HEADER, '@a = {{b}}', '@b = x{{a}}', '###', 'GET /{{a}}'), 'variable-cycle');
  assert.match(found.message, /variable '(a|b)' refers to itself \((a -> b -> a|b -> a -> b)\)/);
  assert.deepEqual(only(file(...HEADER, '@me = {{me}}', '###', 'GET /'), 'variable-cycle').range, range(3, 1, 3));
  // A later definition wins, so an earlier self-reference is not a cycle.
  assertClean(file(...HEADER, '@v = {{v}}', '@v = 1', '###', 'GET /{{v}}'));
});

test('missing-data-file and missing-body-file, only when the environment can look', () => {
  const text = file(...HEADER, '# @data people.csv', '###', 'POST /x', '', '< ./body.json');
  const env = { fileExists: (path: string) => path === 'other' };
  assert.deepEqual(only(text, 'missing-data-file', env).range, range(3, 0, 18));
  const body = only(text, 'missing-body-file', env);
  assert.deepEqual(body.range, range(7, 0, 13));
  assert.match(body.message, /body file '\.\/body\.json' not found/);
  assert.deepEqual(codes(text), []);
  assert.deepEqual(codes(text, { fileExists: () => true }), []);
});

test('defaults stay when their directives are malformed', () => {
  const scenario = checkScenario(file(...HEADER, '# @timeout x', '# @stop-timeout y', '###', 'GET /')).scenario;
  assert.deepEqual([scenario.timeoutMs, scenario.stopTimeoutMs], [30_000, 0]);
});
