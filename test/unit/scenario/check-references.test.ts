// Diagnostics of template references: variables, data, named requests, templates themselves.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkScenario } from '../../../src/core/scenario';
import { diagnosticsOf } from './helpers';
import { assertClean, codes, file, HEADER, only, range } from './helpers';

test('unknown-variable: the exact message and range, with a fix to the closest name', () => {
  const text = file(...HEADER, '@patientId = 1', '###', 'GET /p/{{nope}}?x={{patientid}}');
  const found = diagnosticsOf(text).filter((d) => d.code === 'unknown-variable');
  assert.deepEqual(found.map((d) => [d.severity, d.range]), [['error', range(5, 7, 15)], ['error', range(5, 18, 31)]]);
  assert.equal(found[0]?.message, "unknown variable 'nope': define it with @nope = ... or check the spelling");
  assert.equal(found[0]?.fixes, undefined);
  assert.deepEqual(found[1]?.fixes, [{ title: 'Change to {{patientId}}', edits: [{ range: range(5, 18, 31), newText: '{{patientId}}' }] }]);
});

test('unknown variables are found in host, variables, headers and bodies', () => {
  const text = file('# @host {{h}}', '# @users 1', '# @run-time 1m', '@v = {{a}}', '###', 'POST /x', 'X-A: {{b}}', '', '{"c": "{{c}}"}');
  const found = diagnosticsOf(text).filter((d) => d.code === 'unknown-variable');
  assert.deepEqual(found.map((d) => d.range), [range(0, 8, 13), range(3, 5, 10), range(6, 5, 10), range(8, 7, 12)]);
});

test('unknown-data-binding; a request name with a path is httpYac\'s response shorthand', () => {
  const text = file(...HEADER, '# @data patients.csv as patient', '###', '# @name login', 'GET /{{patinet.id}}', '###', 'GET /{{login.token}}', '###', 'GET /{{login.response}}{{login.a b}}');
  const { scenario, diagnostics } = checkScenario(text);
  const found = diagnostics.filter((d) => d.code === 'unknown-data-binding');
  assert.deepEqual(found.map((d) => d.range), [range(6, 5, 19), range(10, 23, 36)]);
  assert.match(found[0]?.message ?? '', /unknown data binding 'patinet': bind a CSV file with # @data FILE.csv as patinet/);
  assert.deepEqual(found[0]?.fixes?.[0]?.edits[0]?.newText, '{{patient.id}}');
  // {{login.token}} reads login's last response body, as {{login.response.body.$.token}}.
  assert.deepEqual(scenario.requests[1]?.url.parts[1], { kind: 'response', request: 'login', source: 'body', path: '$.token', range: range(8, 5, 20) });
  assert.match(found[1]?.message ?? '', /'login' is a request, not a data binding: write \{\{login.response.body.\$.a b\}\}/);
});

test('unknown-data-column via env.csvColumns, with the closest column as a fix', () => {
  const text = file(...HEADER, '# @data patients.csv as patient', '###', 'GET /{{patient.nmae}}');
  const env = { csvColumns: (path: string) => (path === 'patients.csv' ? ['id', 'name'] : undefined) };
  const found = only(text, 'unknown-data-column', env);
  assert.deepEqual(found.range, range(5, 5, 21));
  assert.match(found.message, /patients.csv has no column 'nmae' \(columns: id, name\)/);
  assert.deepEqual(found.fixes?.[0]?.edits[0]?.newText, '{{patient.name}}');
  assert.deepEqual(codes(text), [], 'without csvColumns, columns are not checked');
  assert.deepEqual(codes(text, { csvColumns: () => undefined }), [], 'an unreadable CSV is not a column error');
});

test('unknown-request-name: a response reference to a name no request declares', () => {
  const found = only(file(...HEADER, '###', '# @name login', 'GET /', '###', 'GET /{{logn.response.body.$.id}}'), 'unknown-request-name');
  assert.deepEqual(found.range, range(7, 5, 32));
  assert.match(found.message, /no request is named 'logn': add # @name logn above its request line/);
  assert.deepEqual(found.fixes?.[0]?.edits[0]?.newText, '{{login.response.body.$.id}}');
});

test('forward-response-reference: a warning for a later (or the same) request of the same task', () => {
  const text = file(...HEADER, '###', 'GET /{{later.response.body.$.id}}', '###', '# @name later', 'GET /{{later.response.headers.Location}}');
  const found = diagnosticsOf(text).filter((d) => d.code === 'forward-response-reference');
  assert.deepEqual(found.map((d) => [d.severity, d.range]), [['warning', range(4, 5, 33)], ['warning', range(7, 5, 40)]]);
  assert.match(found[0]?.message ?? '', /'later' runs after this request in its task/);
  assert.match(found[1]?.message ?? '', /'later' is this request/);
});

test('references across tasks, or to an earlier request, are fine', () => {
  assertClean(file(...HEADER, '###', '# @task 1', '# @name a', 'GET /', '###', 'GET /{{a.response.body.*}}', '###', '# @task 1', 'GET /{{b.response.body.$[0]}}', '###', '# @task 1', '# @name b', 'GET /'));
});

test('bad-template and system diagnostics reach check with their ranges', () => {
  const text = file(...HEADER, '###', 'POST /{{id', '', '{"a": "{{$randomInt 9 1}}", "b": "{{$rnd}}"}', '@id = 1');
  const found = diagnosticsOf(text).map((d) => [d.code, d.range]);
  assert.deepEqual(found, [
    ['bad-template', range(4, 6, 10)],
    ['bad-system-arguments', range(6, 7, 25)],
    ['unknown-system-variable', range(6, 34, 42)],
  ]);
});
