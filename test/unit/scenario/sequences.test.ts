// `# @on-start` and `# @setup`: the sequences they start, and the mistakes `check` reports on them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseScenario } from '../../../src/core/scenario';
import { assertClean, diagnosticsOf, file, HEADER, only, range } from './helpers';

test('@setup and @on-start each start a sequence up to the next @task; their requests are in no task', () => {
  const text = file(
    ...HEADER, // lines 0-2
    '###', // 3
    '# @setup', // 4
    '# @name token',
    'POST /token',
    '###', // 7
    'GET /config',
    '###', // 9
    '# @on-start', // 10
    '# @name login',
    'POST /login',
    '###', // 13
    '# @task 3',
    'GET /a',
    '###',
    'GET /b',
  );
  const scenario = parseScenario(text);
  assert.deepEqual(scenario.setup, { requests: [0, 1], range: range(4, 0, 8) });
  assert.deepEqual(scenario.onStart, { requests: [2], range: range(10, 0, 11) });
  assert.deepEqual(scenario.tasks.map((task) => [task.weight, task.requests]), [[3, [3, 4]]]);
  assertClean(text);
});

test('a scenario without them has neither field and one task of every request, as before', () => {
  const scenario = parseScenario(file(...HEADER, '###', 'GET /a', '###', 'GET /b'));
  assert.equal('onStart' in scenario, false);
  assert.equal('setup' in scenario, false);
  assert.deepEqual(scenario.tasks, [{ weight: 1, requests: [0, 1] }]);
});

test('requests above a sequence form the task, without the before-first-@task warning when there is no @task', () => {
  const text = file(...HEADER, '###', 'GET /a', '###', '# @on-start', 'POST /login');
  const scenario = parseScenario(text);
  assert.deepEqual(scenario.tasks, [{ weight: 1, requests: [0] }]);
  assert.deepEqual(scenario.onStart?.requests, [1]);
  assertClean(text);
});

test('no-task: every request in a sequence leaves the users nothing to repeat', () => {
  const found = only(file(...HEADER, '###', '# @on-start', 'POST /login', '###', 'GET /a'), 'no-task');
  assert.equal(found.severity, 'error');
  assert.deepEqual(found.range, range(4, 0, 11));
  assert.match(found.message, /@on-start sequence.*add # @task above the first request users should repeat/);
});

test('sequence-conflict: @on-start with @setup, or with @task, on one block', () => {
  const both = only(file(...HEADER, '###', '# @on-start', '# @setup', 'POST /login', '###', '# @task', 'GET /a'), 'sequence-conflict');
  assert.equal(both.severity, 'error');
  assert.deepEqual(both.range, range(5, 2, 8));
  assert.match(both.message, /already starts the @on-start sequence \(line 5\)/);
  const withTask = only(file(...HEADER, '###', '# @task 2', '# @setup', 'POST /token', '###', 'GET /a'), 'sequence-conflict');
  assert.deepEqual(withTask.range, range(5, 2, 8));
  assert.match(withTask.message, /@setup and @task on one block/);
  const taskAfter = only(file(...HEADER, '###', '# @setup', '# @task 2', 'POST /token', '###', '# @task', 'GET /a'), 'sequence-conflict');
  assert.deepEqual(taskAfter.range, range(5, 2, 7));
  // The first directive holds: the block is in the setup.
  assert.deepEqual(parseScenario(file(...HEADER, '###', '# @setup', '# @task 2', 'POST /token', '###', '# @task', 'GET /a')).setup?.requests, [0]);
});

test('bad-sequence: @setup takes no value', () => {
  const found = only(file(...HEADER, '###', '# @setup 3', 'POST /token', '###', '# @task', 'GET /a'), 'bad-sequence');
  assert.equal(found.severity, 'error');
  assert.deepEqual(found.range, range(4, 9, 10));
});

test('duplicate-sequence: a second @on-start block is reported and read as part of the first', () => {
  const text = file(...HEADER, '###', '# @on-start', 'POST /a', '###', '# @task', 'GET /b', '###', '# @on-start', 'POST /c', '###', '# @task', 'GET /d');
  const found = only(text, 'duplicate-sequence');
  assert.deepEqual(found.range, range(10, 0, 11));
  assert.match(found.message, /already starts on line 5/);
  assert.deepEqual(parseScenario(text).onStart?.requests, [0, 2]);
});

test('@on-start and @setup belong to a request block', () => {
  const found = only(file('# @setup', ...HEADER, '###', 'GET /a'), 'misplaced-directive');
  assert.deepEqual(found.range, range(0, 2, 8));
});

test('setup-reads-later-request: setup runs once before any user, so it reads only earlier setup requests', () => {
  const text = file(
    ...HEADER,
    '###', // 3
    '# @setup',
    'GET /{{login.response.body.$.id}}', // 5
    '###',
    '# @name token',
    'GET /{{token.response.body.$.id}}', // 8: itself
    '###',
    '# @on-start',
    '# @name login',
    'POST /login',
    '###',
    '# @task',
    'GET /a',
  );
  const found = diagnosticsOf(text).filter((d) => d.code === 'setup-reads-later-request');
  assert.deepEqual(found.map((d) => [d.severity, d.range]), [['error', range(5, 5, 33)], ['error', range(8, 5, 33)]]);
  assert.match(found[0]?.message ?? '', /'login' is not in the @setup sequence/);
  assert.match(found[1]?.message ?? '', /'token' runs at or after this request in the @setup sequence/);
});

test('on-start reading a task request is a forward reference; tasks read setup and on-start freely', () => {
  const text = file(
    ...HEADER,
    '###', // 3
    '# @setup',
    '# @name token',
    'POST /token',
    '###', // 7
    '# @on-start',
    '# @name login',
    'POST /login?t={{token.response.body.$.t}}&x={{later.response.body.$.x}}', // 10
    '###',
    '# @task',
    '# @name later',
    'GET /a?s={{login.response.body.$.s}}&t={{token.response.headers.X-T}}',
  );
  const found = only(text, 'forward-response-reference');
  assert.deepEqual(found.range, range(10, 44, 71));
  assert.match(found.message, /'later' is in a task, which runs after @on-start/);
});
