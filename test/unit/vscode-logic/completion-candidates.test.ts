import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DIRECTIVES, parseScenario } from '../../../src/core/scenario';
import { completionCandidates, type CompletionCandidate } from '../../../src/vscode/language/completion-candidates';

const SCENARIO = [
  '# @host http://localhost:8888', // 0
  '# @data patients.csv as patient', // 1
  '@base = /api', // 2
  '@base = /v2', // 3
  '', // 4
  '### Create', // 5
  '# @name hospital', // 6
  'POST /hospital', // 7
  'Content-Type: application/json', // 8
  '', // 9
  '{"a": 1}', // 10
  '', // 11
  '### Next', // 12
  '', // 13
].join('\n');

/** Candidates with `typed` inserted at the end of line `line` (or replacing it when `replace`). */
function at(line: number, typed: string, after = ''): CompletionCandidate[] {
  const lines = SCENARIO.split('\n');
  lines[line] = (lines[line] ?? '') + typed + after;
  return completionCandidates({
    lines,
    position: { line, character: (lines[line] ?? '').length - after.length },
    scenario: parseScenario(lines.join('\n')),
    columnsOf: (binding) => (binding.file === 'patients.csv' ? ['id', 'name'] : undefined),
  });
}

const labels = (candidates: CompletionCandidate[]) => candidates.map((candidate) => candidate.label);

describe('directive completion', () => {
  it('offers only header and shared directives in the header', () => {
    const offered = labels(at(4, '# @'));
    assert.ok(offered.includes('users') && offered.includes('spawn-rate') && offered.includes('think'));
    assert.ok(!offered.includes('name') && !offered.includes('expect'), 'request-only directives stay out of the header');
  });

  it('offers only request and shared directives in a request block, above the request line', () => {
    const offered = labels(at(13, '// @'));
    assert.ok(offered.includes('name') && offered.includes('expect') && offered.includes('think'));
    assert.ok(!offered.includes('users') && !offered.includes('host'));
  });

  it('offers @on-start and @setup in a request block, as snippets without a value, not in the header', () => {
    const inBlock = at(13, '# @');
    const onStart = inBlock.find((candidate) => candidate.label === 'on-start');
    const setup = inBlock.find((candidate) => candidate.label === 'setup');
    assert.equal(onStart?.snippet, 'on-start');
    assert.equal(setup?.snippet, 'setup');
    assert.match(onStart?.documentation ?? '', /once before its first task/);
    assert.match(setup?.documentation ?? '', /once per run/);
    assert.ok(!labels(at(4, '# @')).includes('setup'));
  });

  it('offers none below the request line', () => {
    assert.deepEqual(at(9, '# @'), []);
  });

  it('gives syntax as detail, summary and example as documentation, and replaces the typed word', () => {
    const users = at(4, '# @us').find((candidate) => candidate.label === 'users');
    const info = DIRECTIVES.find((each) => each.name === 'users');
    assert.ok(users && info);
    assert.equal(users.detail, info.syntax);
    assert.match(users.documentation ?? '', /concurrent virtual users/);
    assert.match(users.documentation ?? '', /# @users 50/);
    assert.equal(users.snippet, 'users ${1:50}');
    assert.equal(users.replaceFrom, 3);
  });
});

describe('template completion', () => {
  it('offers file variables with their winning value, data bindings, named requests and system variables', () => {
    const candidates = at(10, '{{');
    const base = candidates.find((candidate) => candidate.label === 'base');
    assert.equal(base?.detail, '/v2', 'the later definition wins');
    assert.equal(candidates.filter((candidate) => candidate.label === 'base').length, 1);
    assert.equal(candidates.find((candidate) => candidate.label === 'patient')?.snippet, 'patient.');
    assert.equal(candidates.find((candidate) => candidate.label === 'hospital')?.snippet, 'hospital.response.');
    assert.ok(labels(candidates).includes('$guid'));
    assert.equal(base?.snippet, 'base}}', 'closes the template');
  });

  it('does not close a template that is already closed', () => {
    assert.equal(at(10, '{{', '}}').find((candidate) => candidate.label === 'base')?.snippet, 'base');
  });

  it('offers system variables as snippets with placeholders after $', () => {
    const candidates = at(8, ' {{$ra');
    assert.deepEqual(labels(candidates), ['$randomInt', '$guid', '$uuid', '$timestamp', '$datetime', '$localDatetime', '$isoTimestamp', '$processEnv', '$dotenv']);
    assert.equal(candidates[0]?.snippet, '\\$randomInt ${1:1} ${2:100000}}}');
    assert.equal(candidates[0]?.replaceFrom, 'Content-Type: application/json {{'.length);
    assert.equal(candidates.find((candidate) => candidate.label === '$datetime')?.snippet, '\\$datetime ${1|rfc1123,iso8601|}}}');
    assert.equal(candidates.find((candidate) => candidate.label === '$timestamp')?.snippet, '\\$timestamp}}', 'optional offset left out');
  });

  it('offers the columns of a data binding after binding.', () => {
    const candidates = at(10, '{{patient.');
    assert.deepEqual(labels(candidates), ['id', 'name']);
    assert.equal(candidates[0]?.replaceFrom, '{"a": 1}{{patient.'.length);
  });

  it('walks a response reference step by step', () => {
    assert.deepEqual(labels(at(10, '{{hospital.')), ['response.body.$.', 'response.body.*', 'response.headers.']);
    assert.deepEqual(labels(at(10, '{{hospital.response.')), ['body.$.', 'body.*', 'headers.']);
    assert.deepEqual(labels(at(10, '{{hospital.response.body.')), ['$.', '*']);
    assert.ok(labels(at(10, '{{hospital.response.headers.')).includes('Location'));
    assert.equal(at(10, '{{hospital.response.').find((candidate) => candidate.label === 'headers.')?.retrigger, true);
  });

  it('offers nothing for unknown heads, inside arguments, or outside a template', () => {
    assert.deepEqual(at(10, '{{nobody.'), []);
    assert.deepEqual(at(10, '{{$randomInt 1 '), []);
    assert.deepEqual(at(10, '{{base}} x'), []);
  });
});

describe('request line and header completion', () => {
  it('offers methods at the start of a request line', () => {
    const candidates = at(13, 'PO');
    assert.ok(labels(candidates).includes('POST'));
    assert.equal(candidates.find((candidate) => candidate.label === 'POST')?.snippet, 'POST ${1:/}');
  });

  it('offers no methods in the header, where a request is an error', () => {
    assert.deepEqual(at(4, 'PO'), []);
  });

  it('offers common headers below the request line, not in the body', () => {
    const lines = SCENARIO.split('\n');
    lines.splice(9, 0, 'Acc');
    const candidates = completionCandidates({ lines, position: { line: 9, character: 3 }, scenario: parseScenario(lines.join('\n')) });
    assert.ok(labels(candidates).includes('Accept'));
    assert.equal(candidates.find((candidate) => candidate.label === 'Accept')?.snippet, 'Accept: ');
    assert.deepEqual(at(11, 'Acc'), []);
  });
});

describe('?? check completion', () => {
  it('offers the fields after ??, then the operators after a field, its header name or its JSONPath', () => {
    const fields = at(9, '?? st');
    assert.deepEqual(labels(fields), ['status', 'header', 'body', 'duration']);
    assert.equal(fields[0]?.replaceFrom, 3);
    assert.equal(fields[0]?.snippet, 'status ');
    assert.equal(fields[0]?.retrigger, true);
    for (const typed of ['?? status ', '?? header Content-Type ', '?? body $.id ex', '?? body ', '?? duration <']) {
      const offered = labels(at(9, typed));
      assert.ok(offered.includes('==') && offered.includes('exists') && offered.includes('matches'), `${typed}: ${offered.join(' ')}`);
    }
    const exists = at(9, '?? body $.id ex').find((candidate) => candidate.label === 'exists');
    assert.equal(exists?.replaceFrom, '?? body $.id '.length);
    assert.equal(exists?.snippet, 'exists');
    assert.match(exists?.documentation ?? '', /present/);
    // After the header field comes its name, not an operator; after the operator, the value.
    assert.deepEqual(at(9, '?? header '), []);
    assert.deepEqual(at(9, '?? status == '), []);
  });
});

describe('environment variable completion', () => {
  it('offers the names environments define (detail: which environments, never a value); a file variable of the same name is offered once, as the file\'s', () => {
    const lines = SCENARIO.split('\n');
    lines[10] = `${lines[10] ?? ''}{{`;
    const candidates = completionCandidates({
      lines,
      position: { line: 10, character: (lines[10] ?? '').length },
      scenario: parseScenario(lines.join('\n')),
      environmentVariables: new Map([
        ['token', ['dev', 'staging']],
        ['base', ['dev']],
      ]),
    });
    const token = candidates.find((candidate) => candidate.label === 'token');
    assert.equal(token?.detail, 'environment: dev, staging');
    assert.equal(token?.snippet, 'token}}');
    assert.equal(candidates.filter((candidate) => candidate.label === 'base').length, 1);
    assert.equal(candidates.find((candidate) => candidate.label === 'base')?.detail, '/v2');
  });
});
