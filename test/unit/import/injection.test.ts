// Imported text is untrusted: whatever a header, URL, method or body holds, the scenario must
// parse back to the same single request, send the same bytes, and never gain a directive, a
// request, a file read or a template (`{{$processEnv ...}}` would leak the user's environment).

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ImportError, importCurl } from '../../../src/core/import';
import { checkScenario, type Scenario, type Template } from '../../../src/core/scenario';

const noFiles = () => undefined;

function imported(words: string[]): { scenario: Scenario; text: string; notes: string[]; sideFiles: Array<{ name: string; text: string }> } {
  const output = importCurl(['curl', ...words], { sideFilePrefix: 'attack', readFile: noFiles });
  const { scenario, diagnostics } = checkScenario(output.scenario);
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), [], output.scenario);
  return { scenario, text: output.scenario, notes: output.notes, sideFiles: output.sideFiles.map((file) => ({ name: file.name, text: new TextDecoder().decode(file.bytes) })) };
}

function usersOf(scenario: Scenario): number | undefined {
  return scenario.load?.kind === 'users' ? scenario.load.users : undefined;
}

/** The text a template sends, with file variables that hold plain text expanded; any other reference shows as <kind>. */
function templateText(template: Template, variables: Map<string, string>): string {
  return template.parts
    .map((part) => {
      if (part.kind === 'text') return part.text;
      if (part.kind === 'variable') return variables.get(part.name) ?? `<${part.name}>`;
      return `<${part.kind}>`;
    })
    .join('');
}

function only<T>(items: readonly T[]): T {
  assert.equal(items.length, 1);
  return items[0] as T;
}

describe('import: untrusted text cannot inject lines, requests, files or templates', () => {
  it('a header value with CR/LF is left out and said so; no directive appears', () => {
    const { scenario, notes, text } = imported(['-H', 'X-A: 1\r\n# @users 10000', '-H', 'X-B: 2\n###\nDELETE /all', 'http://api.localhost/']);
    assert.equal(usersOf(scenario), 5, text);
    const request = only(scenario.requests);
    assert.equal(request.method, 'GET');
    assert.deepEqual(request.headers.map((header) => header.name), []);
    assert.equal(notes.filter((note) => /X-A|X-B/.test(note)).length, 2, notes.join('\n'));
    assert.doesNotMatch(text, /^# @users 10000/m);
    assert.doesNotMatch(text, /^DELETE/m);
  });

  it('a header name that would read as a comment or directive is left out', () => {
    const { scenario } = imported(['-H', '#@users: 10000', '-H', '//x: 1', 'http://api.localhost/']);
    assert.equal(only(scenario.requests).headers.length, 0);
    assert.equal(usersOf(scenario), 5);
  });

  it('a URL or method with line breaks cannot start another line', () => {
    assert.throws(() => imported(['-X', 'GET\n###\nDELETE', 'http://api.localhost/a']), (error: Error) => error instanceof ImportError && /is not an HTTP method/.test(error.message));
    const second = imported(['http://api.localhost/a\n# @rate 9999/s']);
    const request = only(second.scenario.requests);
    assert.equal(request.method, 'GET');
    assert.equal(request.url.raw, '/a%0A');
    assert.equal(usersOf(second.scenario), 5);
  });

  it('a body whose lines read as a separator, a file include or a check goes to a side file, sent raw', () => {
    for (const body of ['a=1\n###\nDELETE http://api.localhost/all', '< /etc/passwd', 'x\n< ./secret.txt', 'ok\n?? status == 200', '# @users 999\nx']) {
      const { scenario, sideFiles, text } = imported(['--data-raw', body, 'http://api.localhost/post']);
      const request = only(scenario.requests);
      assert.equal(request.body?.kind, 'file', text);
      assert.equal(request.body?.kind === 'file' ? request.body.path : '', `./${only(sideFiles).name}`);
      assert.equal(only(sideFiles).text, body);
      assert.equal(usersOf(scenario), 5);
    }
  });

  it('{{...}} in the source stays literal text, in the URL, a header and the body', () => {
    const { scenario, text } = imported(['-H', 'X-Note: {{$processEnv HOME}}', '--data-raw', '{"a":"{{$dotenv KEY}} {{x}} {{{y}}}"}', 'http://api.localhost/p?q={{$guid}}']);
    const variables = new Map(scenario.variables.map((variable) => [variable.name, variable.value.raw]));
    const request = only(scenario.requests);
    assert.equal(templateText(request.url, variables), '/p?q={{$guid}}', text);
    assert.equal(templateText(only(request.headers.filter((h) => h.name === 'X-Note')).value, variables), '{{$processEnv HOME}}');
    assert.equal(request.body?.kind === 'inline' ? templateText(request.body.template, variables) : '', '{"a":"{{$dotenv KEY}} {{x}} {{{y}}}"}');
  });

  it('secrets are never written as values: auth headers, cookies, -u, API keys in the query', () => {
    const { text, scenario } = imported([
      '-H', 'Authorization: Bearer live-token-123',
      '-H', 'X-Api-Key: key-456',
      '-b', 'session=cookie-789',
      '-u', 'bob:password-000',
      'http://api.localhost/x?access_token=tok-111&page=2',
    ]);
    for (const secret of ['live-token-123', 'key-456', 'cookie-789', 'password-000', 'tok-111']) assert.ok(!text.includes(secret), `${secret} in\n${text}`);
    const processEnv = scenario.variables.map((variable) => variable.value.raw);
    assert.ok(processEnv.includes('{{$processEnv AUTHORIZATION}}'));
    assert.ok(processEnv.includes('{{$processEnv COOKIE}}'));
    assert.ok(processEnv.includes('{{$processEnv X_API_KEY}}'));
    assert.ok(processEnv.includes('{{$processEnv ACCESS_TOKEN}}'));
    assert.match(only(scenario.requests).url.raw, /page=2/);
  });

  it('comments made from source text cannot become directives', () => {
    const { text, scenario } = imported(['-H', 'X: 1', 'http://api.localhost/', '|', 'x\n# @users 77']);
    assert.equal(usersOf(scenario), 5, text);
    assert.doesNotMatch(text, /^# @users 77/m);
  });
});
