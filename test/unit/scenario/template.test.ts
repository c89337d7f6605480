import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTemplate, type Diagnostic } from '../../../src/core/scenario';
import { scanTemplate } from '../../../src/core/scenario/template';
import { range } from './helpers';

test('a template without references is one text part', () => {
  assert.deepEqual(parseTemplate('/hospital'), { raw: '/hospital', parts: [{ kind: 'text', text: '/hospital' }], range: range(0, 0, 9) });
  assert.deepEqual(parseTemplate('').parts, []);
});

test('every reference kind, with ranges placed by line and start character', () => {
  const raw = '/p/{{id}}?n={{ patient.name }}&r={{$randomInt 1 10}}&h={{login.response.body.$.items[0].id}}&l={{login.response.headers.Location}}&w={{login.response.body.*}}';
  const template = parseTemplate(raw, 4, 2);
  assert.deepEqual(template.parts, [
    { kind: 'text', text: '/p/' },
    { kind: 'variable', name: 'id', range: range(4, 5, 11) },
    { kind: 'text', text: '?n=' },
    { kind: 'data', binding: 'patient', column: 'name', range: range(4, 14, 32) },
    { kind: 'text', text: '&r=' },
    { kind: 'system', fn: 'randomInt', args: ['1', '10'], range: range(4, 35, 54) },
    { kind: 'text', text: '&h=' },
    { kind: 'response', request: 'login', source: 'body', path: '$.items[0].id', range: range(4, 57, 94) },
    { kind: 'text', text: '&l=' },
    { kind: 'response', request: 'login', source: 'headers', path: 'Location', range: range(4, 97, 132) },
    { kind: 'text', text: '&w=' },
    { kind: 'response', request: 'login', source: 'body', path: '*', range: range(4, 135, 160) },
  ]);
  assert.deepEqual(template.range, range(4, 2, 2 + raw.length));
});

test('every system function and its arguments', () => {
  const systems = ['$guid', '$uuid', '$timestamp', '$timestamp -1 d', '$datetime iso8601', '$datetime rfc1123 1 h', '$processEnv HOME', '$dotenv TOKEN', '$randomInt -5 5', '$randomInt'];
  for (const inner of systems) {
    const problems: Diagnostic[] = [];
    const [part] = scanTemplate(`{{${inner}}}`, 0, 0, problems).parts;
    assert.deepEqual(problems, [], inner);
    assert.equal(part?.kind, 'system', inner);
  }
});

test('multi-line templates place later lines from character 0', () => {
  const template = parseTemplate('{\n  "a": "{{x}}"\n}', 7, 0);
  assert.deepEqual(template.parts[1], { kind: 'variable', name: 'x', range: range(8, 8, 13) });
  assert.deepEqual(template.range, range(7, 0, 1, 9));
});

function problemsOf(raw: string): Diagnostic[] {
  const problems: Diagnostic[] = [];
  scanTemplate(raw, 2, 4, problems);
  return problems;
}

test('an unclosed {{ is reported from {{ to the end of its line and kept as text', () => {
  const problems = problemsOf('/a/{{id/b');
  assert.deepEqual(problems.map((p) => [p.code, p.range, p.message]), [['bad-template', range(2, 7, 13), "unclosed '{{id/b': add '}}' after the name"]]);
  assert.deepEqual(parseTemplate('/a/{{id/b').parts, [{ kind: 'text', text: '/a/{{id/b' }]);
  // `}}` on the next line does not close it.
  assert.deepEqual(problemsOf('{{a\n}}').map((p) => p.range), [range(2, 4, 7)]);
});

test('unreadable references are bad-template with a how-to', () => {
  for (const [raw, pattern] of [
    ['{{}}', /empty \{\{\}\}/],
    ['{{a b}}', /cannot read '\{\{a b\}\}'/],
    ['{{login.response}}', /write login.response.body/],
    ['{{login.response.body.id}}', /cannot read the JSONPath 'id'/],
    ['{{login.response.headers.}}', /is not a header name/],
    ['{{login.request.body.$}}', /request references are not supported/],
    ['{{9x.y}}', /cannot read/],
  ] as const) {
    const problems = problemsOf(raw);
    assert.equal(problems.length, 1, raw);
    assert.equal(problems[0]?.code, 'bad-template', raw);
    assert.match(problems[0]?.message ?? '', pattern, raw);
    assert.deepEqual(problems[0]?.range, range(2, 4, 4 + raw.length), raw);
  }
});

test('unknown system functions offer the closest one', () => {
  const [problem] = problemsOf('{{$randomint 1 5}}');
  assert.equal(problem?.code, 'unknown-system-variable');
  assert.match(problem?.message ?? '', /unknown system variable '\$randomint'/);
  assert.deepEqual(problem?.fixes?.[0]?.edits, [{ range: range(2, 4, 22), newText: '{{$randomInt 1 5}}' }]);
  assert.equal(problemsOf('{{$nothinglike}}')[0]?.fixes, undefined);
});

test('bad system arguments are reported and the part left out', () => {
  for (const raw of ['{{$randomInt 5 1}}', '{{$randomInt 1 x}}', '{{$randomInt 1 2 3}}', '{{$guid 1}}', '{{$timestamp 1}}', '{{$timestamp 1 q}}', '{{$datetime}}', '{{$datetime unix}}', '{{$processEnv}}', '{{$dotenv A B}}']) {
    const problems = problemsOf(raw);
    assert.deepEqual(problems.map((p) => p.code), ['bad-system-arguments'], raw);
    assert.equal(parseTemplate(raw).parts[0]?.kind, 'text', raw);
  }
  assert.match(problemsOf('{{$randomInt 5 1}}')[0]?.message ?? '', /two integers MIN MAX with MIN < MAX.*got '5 1'/);
});
