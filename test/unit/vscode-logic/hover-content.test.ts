import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { locate, parseScenario } from '../../../src/core/scenario';
import { hoverContent } from '../../../src/vscode/language/hover-content';
import { collectEnvironments, definitionsOf } from '../../../src/core/plan';

const TEXT = [
  '# @users 10', // 0
  '# @data patients.csv as patient', // 1
  '# @note made by httpYac', // 2
  '@id = 7', // 3
  '@id = [x](command:evil)', // 4
  '', // 5
  '### Create', // 6
  '# @name hospital', // 7
  'POST /hospital', // 8
  '', // 9
  '{"n": "{{$randomInt 1 10}}"}', // 10
  '', // 11
  '###', // 12
  'GET /hospital/{{hospital.response.body.$.id}}?p={{patient.name}}&i={{id}}&h={{hospital.response.headers.Location}}', // 13
  'X-Missing: {{other.response.body.*}}', // 14
].join('\n');

const scenario = parseScenario(TEXT);

function hoverAt(line: number, needle: string) {
  const character = (TEXT.split('\n')[line] ?? '').indexOf(needle);
  assert.ok(character >= 0, `${needle} on line ${line}`);
  return hoverContent(locate(scenario, { line, character: character + 1 }), scenario);
}

describe('hoverContent', () => {
  it('explains a directive with syntax, example and the Locust equivalent', () => {
    const hover = hoverAt(0, '@users');
    assert.ok(hover);
    assert.match(hover.markdown, /concurrent virtual users/);
    assert.match(hover.markdown, /# @users N/);
    assert.match(hover.markdown, /Locust: \\-u/);
    assert.equal(hover.range.start.line, 0);
  });

  it('explains @on-start and @setup with their Locust and k6 equivalents', () => {
    const text = ['###', '# @setup', 'POST http://h/token', '###', '# @on-start', 'POST http://h/login', '###', '# @task', 'GET http://h/'].join('\n');
    const parsed = parseScenario(text);
    const setup = hoverContent(locate(parsed, { line: 1, character: 4 }), parsed);
    const onStart = hoverContent(locate(parsed, { line: 4, character: 4 }), parsed);
    assert.match(setup?.markdown ?? '', /once per run/);
    assert.match(setup?.markdown ?? '', /k6: setup/);
    assert.match(onStart?.markdown ?? '', /Locust: on\\_start/);
  });

  it('says an unknown directive is kept as a comment', () => {
    assert.match(hoverAt(2, '@note')?.markdown ?? '', /not a Loadlens directive/);
  });

  it('shows a file variable with its winning value and line, escaped in a code block', () => {
    const hover = hoverAt(13, '{{id}}');
    assert.ok(hover);
    assert.match(hover.markdown, /defined on line 5/);
    assert.match(hover.markdown, /```\n\[x\]\(command:evil\)\n```/);
    assert.doesNotMatch(hover.markdown.replace(/```[\s\S]*?```/g, ''), /\]\(command:/, 'no live link outside the code block');
  });

  it('says what a system variable produces', () => {
    assert.match(hoverAt(10, '$randomInt')?.markdown ?? '', /random integer in \\\[MIN, MAX\\\)/);
  });

  it('names the file and column of a data reference', () => {
    const markdown = hoverAt(13, 'patient.name')?.markdown ?? '';
    assert.match(markdown, /column `name` of `patients.csv`/);
    assert.match(markdown, /next row/);
  });

  it('names the request and what a response reference reads', () => {
    const body = hoverAt(13, 'hospital.response.body')?.markdown ?? '';
    assert.match(body, /`Create` \(line 9\)/);
    assert.match(body, /JSONPath `\$\.id`/);
    assert.match(hoverAt(13, 'hospital.response.headers')?.markdown ?? '', /response header `Location`/);
    assert.match(hoverAt(14, 'other')?.markdown ?? '', /no request is named `other`/);
  });

  it('has nothing to say on plain text', () => {
    assert.equal(hoverAt(8, 'POST'), undefined);
  });
});

describe('?? check hover', () => {
  it('says what the field and the operator of the check under the cursor mean', () => {
    const text = ['GET http://h/', '?? body $.id exists', 'Accept: */*'].join('\n');
    const parsed = parseScenario(text);
    const hover = hoverContent(locate(parsed, { line: 1, character: 14 }), parsed);
    assert.ok(hover);
    assert.match(hover.markdown, /^`\?\? body \$\.id exists` — check on the response/);
    assert.match(hover.markdown, /JSONPath/);
    assert.match(hover.markdown, /is present/);
    assert.deepEqual(hover.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 19 } });
  });
});

describe('hoverContent: environment variables', () => {
  const text = ['@id = 7', '', '###', 'GET /x?t={{token}}&i={{id}}&n={{nowhere}}'].join('\n');
  const parsed = parseScenario(text);
  const environments = collectEnvironments([
    { file: 'http-client.env.json', content: { dev: { id: '1' }, staging: { token: 'public-staging-token', id: '2' } }, secret: false },
    { file: 'http-client.private.env.json', content: { dev: { token: 'hunter2-private' } }, secret: true },
  ]);
  const hover = (needle: string) => {
    const character = (text.split('\n')[3] ?? '').indexOf(needle) + 1;
    return hoverContent(locate(parsed, { line: 3, character }), parsed, (name) => definitionsOf(environments, name, 'dev'))?.markdown ?? '';
  };

  it('lists the environments that define a name, the selected one marked, a private value hidden', () => {
    const markdown = hover('token');
    assert.match(markdown, /environment variable/);
    assert.match(markdown, /`dev` \(selected\): private value, hidden/);
    assert.match(markdown, /`staging`: `public-staging-token`/);
    assert.ok(!markdown.includes('hunter2'));
  });

  it('a file variable says it wins over the environments; a name nobody defines says where to define it', () => {
    assert.match(hover('{{id'), /file variable, defined on line 1[\s\S]*wins over the environments[\s\S]*`staging`: `2`/);
    assert.match(hover('nowhere'), /unknown variable[\s\S]*http-client\.env\.json/);
  });
});
