// `??` check lines: what the parser makes of them, and each mistake on the word that is wrong.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkScenario } from '../../../src/core/scenario';
import { codes, file, only, range } from './helpers';

function checksOf(text: string) {
  return checkScenario(text).scenario.requests.flatMap((request) => request.checks ?? []);
}

test('each field and operator form is read, between headers and after the body', () => {
  const text = file(
    'POST http://h/a',
    '?? status == 200',
    'Content-Type: application/json',
    '',
    '{"a": 1}',
    '?? header Content-Type includes json',
    '?? body $.items[0].id exists',
    '?? body matches /^\\{"ok/i',
    '?? duration < 500',
    '?? body $.name == "Ann Lee"',
    '?? body $.note startsWith some text',
  );
  const { scenario, diagnostics } = checkScenario(text);
  assert.deepEqual(diagnostics, []);
  const request = scenario.requests[0];
  assert.equal(request?.body?.kind === 'inline' && request.body.template.raw, '{"a": 1}');
  assert.deepEqual(request?.headers.map((header) => header.name), ['Content-Type']);
  const checks = request?.checks ?? [];
  assert.deepEqual(
    checks.map((check) => [check.field, check.operator, check.value]),
    [
      [{ kind: 'status' }, '==', { kind: 'json', value: 200, text: '200' }],
      [{ kind: 'header', name: 'Content-Type' }, 'includes', { kind: 'text', text: 'json' }],
      [{ kind: 'body', path: '$.items[0].id' }, 'exists', undefined],
      [{ kind: 'body' }, 'matches', { kind: 'text', text: '/^\\{"ok/i' }],
      [{ kind: 'duration' }, '<', { kind: 'json', value: 500, text: '500' }],
      [{ kind: 'body', path: '$.name' }, '==', { kind: 'json', value: 'Ann Lee', text: '"Ann Lee"' }],
      [{ kind: 'body', path: '$.note' }, 'startsWith', { kind: 'text', text: 'some text' }],
    ],
  );
  assert.deepEqual(checks[3]?.pattern, { source: '^\\{"ok', flags: 'i' });
  assert.equal(checks[0]?.text, 'status == 200');
  assert.deepEqual(checks[0]?.range, range(1, 0, 16));
  // The request's range reaches its last check.
  assert.equal(request?.range.end.line, 10);
});

test('an unknown field or operator is an error on that word, with the closest name', () => {
  const field = only(file('GET http://h/', '?? stauts == 200'), 'unknown-check-field');
  assert.deepEqual(field.range, range(1, 3, 9));
  assert.match(field.message, /unknown check field 'stauts': did you mean 'status'\?/);
  const operator = only(file('GET http://h/', '?? body $.id exsts'), 'unknown-check-operator');
  assert.deepEqual(operator.range, range(1, 13, 18));
  assert.match(operator.message, /did you mean 'exists'\?/);
  assert.equal(only(file('GET http://h/', '?? status'), 'missing-check-operator').severity, 'error');
  assert.deepEqual(only(file('GET http://h/', '??'), 'missing-check-field').range, range(1, 0, 2));
  assert.deepEqual(only(file('GET http://h/', '?? header'), 'missing-check-argument').range, range(1, 3, 9));
});

test('a missing value, a value after a unary operator, a bad JSONPath and a bad regex are errors where they are', () => {
  const missing = only(file('GET http://h/', '?? status =='), 'missing-check-value');
  assert.deepEqual(missing.range, range(1, 10, 12));
  const extra = only(file('GET http://h/', '?? body $.ok isTrue yes'), 'unexpected-check-value');
  assert.deepEqual(extra.range, range(1, 20, 23));
  const path = only(file('GET http://h/', '?? body $..x exists'), 'bad-check-path');
  assert.deepEqual(path.range, range(1, 8, 12));
  const regex = only(file('GET http://h/', '?? body matches (unclosed'), 'bad-check-pattern');
  assert.deepEqual(regex.range, range(1, 16, 25));
  assert.match(regex.message, /regular expression does not compile/);
});

test("httpYac's js and xpath forms warn and are skipped; a ?? above the request line checks nothing", () => {
  const text = file('GET http://h/', '?? js response.parsedBody.ok == true', '?? xpath /a/b exists');
  assert.deepEqual(codes(text), ['not-run-under-load', 'not-run-under-load']);
  assert.deepEqual(checksOf(text), []);
  const header = only(file('?? status == 200', '###', 'GET http://h/'), 'misplaced-check');
  assert.deepEqual(header.range, range(0, 0, 16));
  const above = only(file('###', '?? status == 200', 'GET http://h/'), 'misplaced-check');
  assert.equal(above.severity, 'warning');
});

test('a ?? line is never a query continuation, and ends a body', () => {
  const text = file('GET http://h/search', '?q=1', '?? status == 200', '&page=2');
  const { scenario } = checkScenario(text);
  assert.equal(scenario.requests[0]?.url.raw, 'http://h/search?q=1');
  assert.equal(scenario.requests[0]?.checks?.length, 1);
});
