// Postman import decisions: folders as tasks, variables, auth inheritance, body modes, scripts,
// secrets, and clear errors for what is not a collection v2.1.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importPostman, ImportError } from '../../../src/core/import';
import { checkScenario } from '../../../src/core/scenario';

const SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

function collection(item: unknown[], extra: Record<string, unknown> = {}) {
  return { info: { name: 'C', schema: SCHEMA }, item, ...extra };
}

function request(name: string, method: string, url: unknown, more: Record<string, unknown> = {}) {
  return { name, request: { method, url, header: [], ...more } };
}

function convert(document: unknown, environment?: unknown) {
  const output = importPostman(document, { sideFilePrefix: 'pm', ...(environment ? { environment } : {}) });
  const errors = checkScenario(output.scenario).diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errors, [], output.scenario);
  return output;
}

describe('import postman', () => {
  it('says what to do with a v1 collection or another file', () => {
    const fails = (document: unknown, pattern: RegExp) =>
      assert.throws(() => importPostman(document, { sideFilePrefix: 'x' }), (error: Error) => error instanceof ImportError && pattern.test(error.message));
    fails({ name: 'old', requests: [] }, /collection v1; export it again as Collection v2\.1/);
    fails({ log: {} }, /not a Postman collection v2\.1: it needs an "info" object and an "item" list/);
    fails(collection([]), /has no requests/);
    assert.throws(() => importPostman(collection([request('a', 'GET', 'http://a.localhost/')]), { sideFilePrefix: 'x', environment: { nope: 1 } }), /not a Postman environment/);
  });

  it('makes one task per folder with requests, nested folders named by their path; one task needs no @task', () => {
    const nested = convert(
      collection([
        request('root', 'GET', 'http://a.localhost/r'),
        { name: 'Shop', item: [request('list', 'GET', 'http://a.localhost/items'), { name: 'Cart', item: [request('add', 'POST', 'http://a.localhost/cart')] }] },
      ]),
    );
    assert.match(nested.scenario, /### root\n# Task: the requests at the top of the collection\n# @task 1\nGET \/r/);
    assert.match(nested.scenario, /### add\n# Task: the folder Shop \/ Cart\n# @task 1\nPOST \/cart/);
    assert.match(nested.scenario, /### list\n# Task: the folder Shop\n# @task 1\nGET \/items/);
    const flat = convert(collection([request('a', 'GET', 'http://a.localhost/a'), request('b', 'GET', 'http://a.localhost/b')]));
    assert.doesNotMatch(flat.scenario, /@task/);
  });

  it('keeps {{references}}, maps dynamic variables, notes the others, and declares undefined names from the environment', () => {
    const output = convert(
      collection([request('a', 'POST', '{{base url}}/x?id={{$guid}}&t={{$timestamp}}', { body: { mode: 'raw', raw: '{"n": {{$randomInt}}, "c": "{{$randomColor}}", "u": "{{undefinedName}}"}' } })], {
        variable: [{ key: 'base url', value: 'http://a.localhost' }, { key: 'client_secret', value: 'super-secret-value' }],
      }),
    );
    const text = output.scenario;
    assert.match(text, /^# @host \{\{base_url\}\}$/m);
    assert.match(text, /^@base_url = http:\/\/a\.localhost$/m);
    assert.match(text, /^POST \/x\?id=\{\{\$guid\}\}&t=\{\{\$timestamp\}\}$/m);
    assert.match(text, /"n": \{\{\$randomInt 0 1001\}\}/);
    assert.match(text, /"c": "\{\{literalBrace\}\}\{\$randomColor\}\}"/);
    assert.match(text, /^@undefinedName = \{\{\$processEnv UNDEFINEDNAME\}\}$/m);
    assert.match(text, /^@client_secret = \{\{\$processEnv CLIENT_SECRET\}\}$/m);
    assert.ok(!text.includes('super-secret-value'));
    assert.ok(output.notes.some((note) => note.includes('{{$randomColor}}')));
  });

  it('inherits auth from folders and the collection; noauth turns it off; literal secrets are never copied', () => {
    const output = convert(
      collection(
        [
          request('open', 'GET', 'http://a.localhost/open', { auth: { type: 'noauth' } }),
          request('inherits', 'GET', 'http://a.localhost/in'),
          { name: 'Keys', auth: { type: 'apikey', apikey: [{ key: 'key', value: 'api_key' }, { key: 'value', value: 'k-123' }, { key: 'in', value: 'query' }] }, item: [request('q', 'GET', 'http://a.localhost/q')] },
          request('basic', 'GET', 'http://a.localhost/b', { auth: { type: 'basic', basic: [{ key: 'username', value: 'ann' }, { key: 'password', value: 'pw-999' }] } }),
          request('digest', 'GET', 'http://a.localhost/d', { auth: { type: 'digest', digest: [] } }),
        ],
        { auth: { type: 'bearer', bearer: [{ key: 'token', value: 'literal-token-777' }] } },
      ),
    );
    const text = output.scenario;
    for (const secret of ['k-123', 'pw-999', 'literal-token-777']) assert.ok(!text.includes(secret), secret);
    assert.match(text, /GET \/open\n\n/);
    assert.match(text, /GET \/in\nAuthorization: \{\{authorization\}\}/);
    assert.match(text, /GET \/q\?api_key=\{\{api_key\}\}/);
    assert.match(text, /# Not carried over: the digest authorization/);
  });

  it('writes urlencoded, graphql and text form-data bodies; notes file fields and scripts', () => {
    const output = convert(
      collection([
        request('form', 'POST', 'http://a.localhost/f', { body: { mode: 'urlencoded', urlencoded: [{ key: 'a b', value: 'c&d' }, { key: 'x', value: '{{v}}' }, { key: 'off', value: '1', disabled: true }] } }),
        request('gql', 'POST', 'http://a.localhost/g', { body: { mode: 'graphql', graphql: { query: 'query { me { id } }', variables: '{"a": 1}' } } }),
        request('multi', 'POST', 'http://a.localhost/m', { body: { mode: 'formdata', formdata: [{ key: 'name', value: 'x', type: 'text' }] } }),
        { ...request('upload', 'POST', 'http://a.localhost/u', { body: { mode: 'formdata', formdata: [{ key: 'f', type: 'file', src: '/home/me/x.png' }] } }), event: [{ listen: 'prerequest', script: { exec: ['pm.environment.set("a", 1)'] } }] },
      ]),
    );
    const text = output.scenario;
    assert.match(text, /Content-Type: application\/x-www-form-urlencoded\n\na%20b=c%26d&x=\{\{v\}\}\n/);
    assert.match(text, /Content-Type: application\/json\n\n\{"query":"query \{ me \{ id \} \}","variables":\{"a":1\}\}/);
    assert.match(text, /multipart\/form-data; boundary=[^\n]+\n\n< \.\/pm\.body-1\.multipart/);
    assert.equal(new TextDecoder().decode(output.sideFiles[0]?.bytes), '--------------------------LoadlensImportBoundary\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--------------------------LoadlensImportBoundary--\r\n');
    assert.match(text, /# Not carried over: the pre-request script of request upload/);
    assert.match(text, /# Not carried over: the form-data body/);
  });

  it('puts the environment in http-client.env.json entries (no secrets), and its values win over the collection\'s in the file', () => {
    const output = convert(collection([request('a', 'GET', '{{host}}/p/{{id}}')], { variable: [{ key: 'host', value: 'http://c.localhost' }, { key: 'id', value: 'collection' }] }), {
      name: 'dev',
      values: [{ key: 'id', value: 'env', enabled: true }, { key: 'api_token', value: 'tok-1', type: 'secret', enabled: true }],
    });
    assert.deepEqual(output.environments, { dev: { id: 'env' } });
    assert.match(output.scenario, /^@id = env$/m);
    assert.ok(!output.scenario.includes('tok-1'));
  });
});
