// The scopes that matter, asserted directly: what themes colour and what other tests rely on.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize, type Token } from './tokenize';

/** The token on line `line` (0-based) whose text is exactly `text` (the `nth` one, from 0). */
function tokenOf(lines: Token[][], line: number, text: string, nth = 0): Token {
  const found = (lines[line] ?? []).filter((token) => token.text === text)[nth];
  assert.ok(found, `no token ${JSON.stringify(text)} on line ${line}: ${JSON.stringify(lines[line]?.map((t) => t.text))}`);
  return found;
}

async function scopesOf(text: string, tokenText: string, line = 0, nth = 0): Promise<string[]> {
  return tokenOf(await tokenize(text), line, tokenText, nth).scopes;
}

const has = (scopes: string[], scope: string): boolean => scopes.includes(scope);
const hasPrefix = (scopes: string[], prefix: string): boolean => scopes.some((scope) => scope === prefix || scope.startsWith(`${prefix}.`));

describe('templates', () => {
  test('system variables get the system scope, with their arguments', async () => {
    assert.ok(has(await scopesOf('GET /{{$guid}}', '$guid'), 'support.function.system.loadlens'));
    const lines = await tokenize('GET /{{$randomInt 1 10}}?env={{$processEnv API_KEY}}');
    assert.ok(has(tokenOf(lines, 0, '$randomInt').scopes, 'support.function.system.loadlens'));
    assert.ok(has(tokenOf(lines, 0, '10').scopes, 'constant.numeric.loadlens'));
    assert.ok(has(tokenOf(lines, 0, '$processEnv').scopes, 'support.function.system.loadlens'));
    assert.ok(has(tokenOf(lines, 0, 'API_KEY').scopes, 'variable.parameter.loadlens'));
  });

  test('a plain name is a file variable, neither data nor response', async () => {
    const scopes = await scopesOf('GET {{host}}/x', 'host');
    assert.ok(has(scopes, 'variable.other.loadlens'));
    assert.ok(!has(scopes, 'variable.other.data.loadlens'));
    assert.ok(!has(scopes, 'variable.other.response.loadlens'));
  });

  test('a dotted name is a data reference, every part of it', async () => {
    const lines = await tokenize('GET /p/{{patient.name}}');
    for (const part of ['patient', '.', 'name']) {
      assert.ok(has(tokenOf(lines, 0, part).scopes, 'variable.other.data.loadlens'), part);
    }
    assert.ok(has(tokenOf(lines, 0, 'name').scopes, 'variable.other.property.loadlens'));
  });

  test('x.response.body and x.response.headers are response references, never data', async () => {
    const lines = await tokenize('GET /\nX-Id: {{hospital.response.body.$.id}} {{hospital.response.headers.Location}}');
    const parts = ['hospital', 'response', 'body', '$.id', 'headers', 'Location'];
    for (const part of parts) {
      const scopes = tokenOf(lines, 1, part).scopes;
      assert.ok(has(scopes, 'variable.other.response.loadlens'), part);
      assert.ok(!has(scopes, 'variable.other.data.loadlens'), part);
    }
  });

  test('templates are recognised inside JSON strings and as bare JSON values', async () => {
    const lines = await tokenize('###\nPOST /p\n\n{"id": "{{hospital.response.body.$.id}}", "n": {{count}}}');
    const inString = tokenOf(lines, 3, 'hospital').scopes;
    assert.ok(has(inString, 'string.quoted.double.json'));
    assert.ok(has(inString, 'variable.other.response.loadlens'));
    assert.ok(has(tokenOf(lines, 3, 'count').scopes, 'variable.other.loadlens'));
    // `{{` as a value did not open a JSON object: the closing brace still ends the dictionary.
    assert.ok(has(tokenOf(lines, 3, '}').scopes, 'punctuation.definition.dictionary.end.json'));
  });
});

describe('comments and directives', () => {
  test('# @users is a directive keyword with a numeric argument, not a comment', async () => {
    const lines = await tokenize('# @users 50');
    const keyword = tokenOf(lines, 0, '@users').scopes;
    assert.ok(has(keyword, 'keyword.other.directive.loadlens'));
    assert.ok(!hasPrefix(keyword, 'comment'), 'the directive name is not comment-coloured');
    assert.ok(has(tokenOf(lines, 0, '50').scopes, 'constant.numeric.loadlens'));
  });

  test('// @directive is a directive too', async () => {
    assert.ok(has(await scopesOf('// @rate 10/s', '@rate'), 'keyword.other.directive.loadlens'));
    assert.ok(has(await scopesOf('// @rate 10/s', '10/s'), 'constant.numeric.rate.loadlens'));
  });

  test('a plain comment has no directive scope, whatever it contains', async () => {
    for (const text of ['# comment about @users 50', '// a comment', '## two hashes']) {
      const lines = await tokenize(text);
      assert.ok(lines[0]!.every((token) => !has(token.scopes, 'keyword.other.directive.loadlens')), text);
      assert.ok(lines[0]!.every((token) => !has(token.scopes, 'meta.directive.loadlens')), text);
      assert.ok(lines[0]!.some((token) => hasPrefix(token.scopes, 'comment.line')), text);
    }
  });

  test('threshold rules: metric, operator, value, severity and abort apart', async () => {
    const lines = await tokenize('# @threshold p99.9 <= 1s error abort\n# @threshold errors < 1% warn');
    assert.ok(has(tokenOf(lines, 0, 'p99.9').scopes, 'support.variable.metric.loadlens'));
    assert.ok(has(tokenOf(lines, 0, '<=').scopes, 'keyword.operator.comparison.loadlens'));
    assert.ok(has(tokenOf(lines, 0, '1s').scopes, 'constant.numeric.duration.loadlens'));
    assert.ok(has(tokenOf(lines, 0, 'error').scopes, 'constant.language.severity.loadlens'));
    assert.ok(has(tokenOf(lines, 0, 'abort').scopes, 'keyword.control.abort.loadlens'));
    assert.ok(has(tokenOf(lines, 1, '1%').scopes, 'constant.numeric.percentage.loadlens'));
    assert.ok(has(tokenOf(lines, 1, 'warn').scopes, 'constant.language.severity.loadlens'));
  });

  test('durations, ranges and stage targets', async () => {
    const lines = await tokenize('# @run-time 1h30m\n# @think 1s..2s\n# @stage 5m 100');
    assert.ok(has(tokenOf(lines, 0, '1h30m').scopes, 'constant.numeric.duration.loadlens'));
    assert.ok(has(tokenOf(lines, 1, '..').scopes, 'keyword.operator.range.loadlens'));
    assert.ok(has(tokenOf(lines, 1, '2s').scopes, 'constant.numeric.duration.loadlens'));
    assert.ok(has(tokenOf(lines, 2, '5m').scopes, 'constant.numeric.duration.loadlens'));
    assert.ok(has(tokenOf(lines, 2, '100').scopes, 'constant.numeric.loadlens'));
  });

  test('@data, @name and @expect arguments', async () => {
    const lines = await tokenize('# @data patients.csv as patient random\n# @name hospital\n# @expect status 200,2xx');
    assert.ok(has(tokenOf(lines, 0, 'patients.csv').scopes, 'string.unquoted.path.loadlens'));
    assert.ok(has(tokenOf(lines, 0, 'patient').scopes, 'variable.other.data.definition.loadlens'));
    assert.ok(has(tokenOf(lines, 0, 'random').scopes, 'keyword.other.random.loadlens'));
    assert.ok(has(tokenOf(lines, 1, 'hospital').scopes, 'entity.name.function.request.loadlens'));
    assert.ok(has(tokenOf(lines, 2, '2xx').scopes, 'constant.numeric.status-code.loadlens'));
  });
});

describe('request blocks, line to line', () => {
  const block = [
    '@host = http://localhost:8888',
    '### Create a hospital',
    '# @name hospital',
    'POST {{host}}/hospital HTTP/1.1',
    'Content-Type: application/json',
    '',
    '{"name": "x",',
    '### next block, though the JSON above is unbalanced',
    '# @task 2',
    'GET /next',
    '',
    'Accept: text/plain',
    '# @name not-a-directive-in-a-body',
  ].join('\n');

  test('file variable definition', async () => {
    const lines = await tokenize(block);
    assert.ok(has(tokenOf(lines, 0, 'host').scopes, 'variable.other.definition.loadlens'));
    assert.ok(has(tokenOf(lines, 0, 'http://localhost:8888').scopes, 'string.unquoted.value.loadlens'));
  });

  test('separator and title', async () => {
    const lines = await tokenize(block);
    assert.ok(has(tokenOf(lines, 1, '###').scopes, 'punctuation.definition.heading.loadlens'));
    assert.ok(has(tokenOf(lines, 1, 'Create a hospital').scopes, 'entity.name.section.request-title.loadlens'));
  });

  test('request line: method, URL with a template, HTTP version', async () => {
    const lines = await tokenize(block);
    assert.ok(has(tokenOf(lines, 3, 'POST').scopes, 'keyword.control.method.loadlens'));
    assert.ok(has(tokenOf(lines, 3, '/hospital').scopes, 'string.unquoted.url.loadlens'));
    assert.ok(has(tokenOf(lines, 3, 'host').scopes, 'variable.other.loadlens'));
    assert.ok(has(tokenOf(lines, 3, 'HTTP/1.1').scopes, 'constant.language.http-version.loadlens'));
  });

  test('header name and value are scoped apart', async () => {
    const lines = await tokenize(block);
    assert.ok(has(tokenOf(lines, 4, 'Content-Type').scopes, 'support.type.property-name.header.loadlens'));
    assert.ok(has(tokenOf(lines, 4, 'application/json').scopes, 'string.unquoted.header-value.loadlens'));
  });

  test('the JSON body is embedded and ends at the next ###, even unbalanced', async () => {
    const lines = await tokenize(block);
    assert.ok(has(tokenOf(lines, 6, '{').scopes, 'meta.embedded.block.json'));
    const separator = tokenOf(lines, 7, '###').scopes;
    assert.ok(has(separator, 'punctuation.definition.heading.loadlens'));
    assert.ok(!hasPrefix(separator, 'meta.embedded'));
    assert.ok(has(tokenOf(lines, 8, '@task').scopes, 'keyword.other.directive.loadlens'));
  });

  test('after the empty line, lines are body: no header, no directive', async () => {
    const lines = await tokenize(block);
    assert.ok(lines[11]!.every((token) => !has(token.scopes, 'meta.header.loadlens')));
    assert.ok(lines[12]!.every((token) => !has(token.scopes, 'keyword.other.directive.loadlens')));
    assert.ok(lines[12]!.every((token) => has(token.scopes, 'meta.body.loadlens')));
  });

  test('a text body stays text when a later line starts with {', async () => {
    const lines = await tokenize('###\nPOST /f\n\na=1\n{"b": 2}');
    assert.ok(lines[4]!.every((token) => !hasPrefix(token.scopes, 'meta.embedded')));
  });

  test('< ./file.json is a body file reference', async () => {
    const lines = await tokenize('###\nPOST /upload\n\n< ./payload.json');
    assert.ok(has(tokenOf(lines, 3, '<').scopes, 'keyword.operator.body-file.loadlens'));
    assert.ok(has(tokenOf(lines, 3, './payload.json').scopes, 'string.unquoted.path.loadlens'));
  });
});
