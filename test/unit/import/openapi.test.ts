// OpenAPI import decisions: titles, weights, parameters, bodies, security, servers, references,
// and clear errors for what is not an OpenAPI 3 document.

import { strict as assert } from 'node:assert';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { importOpenApi, ImportError, parseOpenApiText } from '../../../src/core/import';
import { checkScenario } from '../../../src/core/scenario';
import { openApiDereferencer } from '../../../src/engine/openapi-loader';

async function convert(document: unknown, host?: string) {
  const output = await importOpenApi(document, { sideFilePrefix: 'api', dereference: openApiDereferencer, ...(host ? { host } : {}) });
  const errors = checkScenario(output.scenario).diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errors, [], output.scenario);
  return output;
}

const base = (paths: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ openapi: '3.0.3', info: { title: 'T', version: '1' }, paths, ...extra });

describe('import openapi', () => {
  it('reads JSON and YAML, and says where YAML is broken', () => {
    assert.deepEqual(parseOpenApiText('{"openapi":"3.1.0"}'), { openapi: '3.1.0' });
    assert.deepEqual(parseOpenApiText('openapi: 3.1.0\ninfo: {title: x}\n'), { openapi: '3.1.0', info: { title: 'x' } });
    assert.throws(() => parseOpenApiText('openapi: 3.1.0\npaths:\n  /a: [\n'), (error: Error) => error instanceof ImportError && /not valid YAML at line 4, column 1: unexpected end of the stream/.test(error.message));
    assert.throws(() => parseOpenApiText('{"openapi": }'), (error: Error) => error instanceof ImportError && /not valid JSON/.test(error.message));
  });

  it('refuses Swagger 2.0 and documents without openapi 3.x, saying what to do', async () => {
    await assert.rejects(importOpenApi({ swagger: '2.0', paths: {} }, { sideFilePrefix: 'x', dereference: openApiDereferencer }), /Swagger 2\.0 .*convert it first/);
    await assert.rejects(importOpenApi({ info: {} }, { sideFilePrefix: 'x', dereference: openApiDereferencer }), /not an OpenAPI 3\.0\/3\.1 document: its "openapi" field is null/);
    await assert.rejects(importOpenApi(base({}), { sideFilePrefix: 'x', dereference: openApiDereferencer }), /no operations under "paths"/);
    await assert.rejects(importOpenApi(base({ '/a': { get: { responses: { 200: { $ref: '#/components/responses/Nope' } } } } }), { sideFilePrefix: 'x', dereference: openApiDereferencer }), /cannot resolve the document's references: Missing \$ref pointer/);
  });

  it('weights reads above writes, titles by summary then operationId then METHOD path, unique', async () => {
    const { scenario } = await convert(
      base(
        {
          '/items': { get: { summary: 'List', responses: {} }, post: { operationId: 'createItem', responses: {} } },
          '/items/{id}': { delete: { responses: {} }, head: { summary: 'List', responses: {} }, parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }] },
        },
        { servers: [{ url: 'https://{env}.example.invalid/v2/', variables: { env: { default: 'staging' } } }] },
      ),
    );
    assert.match(scenario, /^# @host https:\/\/staging\.example\.invalid$/m);
    assert.match(scenario, /### List\n# @task 3\nGET \/v2\/items\n/);
    assert.match(scenario, /### createItem\n# @task 1\nPOST \/v2\/items\n/);
    assert.match(scenario, /### DELETE \/items\/\{id\}\n# @task 1\nDELETE \/v2\/items\/\{\{id\}\}\n/);
    assert.match(scenario, /### List \(2\)\n# @task 3\nHEAD /);
    assert.match(scenario, /^@id = 3fa85f64-5717-4562-b3fc-2c963f66afa6$/m);
  });

  it('makes bodies from example, examples, or the schema (allOf, oneOf, formats, circular refs)', async () => {
    const { scenario } = await convert(
      base(
        {
          '/a': { post: { requestBody: { content: { 'application/json': { example: { fixed: true } } } }, responses: {} } },
          '/b': { post: { requestBody: { content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { q: { type: 'string', example: 'a b&c' }, n: { type: 'integer', minimum: 5 } } } } } }, responses: {} } },
          '/c': { put: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } } }, responses: {} } },
          '/d': { post: { requestBody: { content: { 'application/xml': { schema: { type: 'object' } } } }, responses: {} } },
        },
        {
          components: {
            schemas: {
              Node: {
                allOf: [{ type: 'object', properties: { when: { type: 'string', format: 'date-time' } } }, { type: 'object', properties: { kind: { oneOf: [{ type: 'null' }, { enum: ['x', 'y'] }] }, next: { $ref: '#/components/schemas/Node' } } }],
              },
            },
          },
        },
      ),
    );
    assert.match(scenario, /POST \/a\nContent-Type: application\/json\n\n\{\n {2}"fixed": true\n\}/);
    assert.match(scenario, /POST \/b\nContent-Type: application\/x-www-form-urlencoded\n\nq=a\+b%26c&n=5\n/);
    assert.match(scenario, /"when": "2024-01-01T12:00:00Z",\n {2}"kind": "x",\n {2}"next": null\n\}/);
    assert.match(scenario, /POST \/d\n\n|### POST \/d\n# Not carried over: the application\/xml request body/);
  });

  it('turns security schemes into headers or query parameters whose values come from the environment', async () => {
    const { scenario } = await convert(
      base(
        {
          '/k': { get: { responses: {} } },
          '/q': { get: { security: [{ query: [] }], responses: {} } },
          '/b': { get: { security: [{ basic: [] }], responses: {} } },
          '/o': { get: { security: [{ oauth: [] }], parameters: [{ name: 'X-Session-Token', in: 'header', required: true }, { name: 'trace', in: 'cookie' }], responses: {} } },
          '/open': { get: { security: [], responses: {} } },
        },
        {
          security: [{ key: [] }],
          components: {
            securitySchemes: {
              key: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
              query: { type: 'apiKey', in: 'query', name: 'api_key' },
              basic: { type: 'http', scheme: 'basic' },
              oauth: { type: 'oauth2', flows: {} },
            },
          },
        },
      ),
    );
    assert.match(scenario, /GET \/k\nX-API-Key: \{\{x-api-key\}\}/);
    assert.match(scenario, /GET \/q\?api_key=\{\{api_key\}\}/);
    assert.match(scenario, /GET \/b\nAuthorization: \{\{authorization\}\}/);
    assert.match(scenario, /# Not carried over: the cookie parameter trace\n# @task 3\nGET \/o\nX-Session-Token: \{\{x-session-token\}\}\nAuthorization: \{\{authorization\}\}/);
    assert.match(scenario, /GET \/open\n(\n|$)/);
    assert.match(scenario, /^@x-api-key = \{\{\$processEnv X_API_KEY\}\}$/m);
    assert.match(scenario, /^@api_key = \{\{\$processEnv API_KEY\}\}$/m);
  });

  it('without an absolute server it notes that a host is needed; --host gives one', async () => {
    const document = base({ '/a': { get: { responses: {} } } }, { servers: [{ url: '/api' }] });
    const without = await convert(document);
    assert.doesNotMatch(without.scenario, /# @host/);
    assert.match(without.scenario, /GET \/api\/a/);
    assert.ok(without.notes.some((note) => /no absolute servers\[0\]\.url/.test(note)));
    const withHost = await convert(document, 'http://127.0.0.1:8080');
    assert.match(withHost.scenario, /^# @host http:\/\/127\.0\.0\.1:8080$/m);
  });

  it('never fetches an external $ref, and names it as not carried over', async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      res.end('{"type":"string"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/schema.json`;
    try {
      const document = base({ '/a': { post: { requestBody: { content: { 'application/json': { schema: { $ref: url } } } }, responses: {} } }, '/b': { $ref: './other.yaml#/paths/~1b' } });
      const output = await convert(document);
      assert.equal(hits, 0);
      assert.ok(output.notes.some((note) => note.includes(`the external reference ${url} (never fetched`)), output.notes.join('\n'));
      assert.ok(output.notes.some((note) => note.includes('./other.yaml#/paths/~1b')));
    } finally {
      server.close();
    }
  });

  it('titles and examples from the document cannot inject lines or templates', async () => {
    const { scenario } = await convert(
      base({
        '/a/{p}': {
          get: {
            summary: 'List\n# @users 9999\n###\nDELETE /all \u202edesrever\u001b[2J',
            parameters: [{ name: 'p', in: 'path', required: true, example: '{{$processEnv HOME}}\n# @rate 1/s' }],
            responses: {},
          },
        },
      }, { info: { title: '@users 7\nx', version: '1' } }),
    );
    assert.doesNotMatch(scenario, /^# @users (9999|7)/m);
    assert.doesNotMatch(scenario, /^DELETE/m);
    assert.doesNotMatch(scenario, /^# @rate/m);
    // Controls and the marks that reorder text ("Trojan Source") do not reach titles.
    assert.doesNotMatch(scenario, /[\u001b\u202e]/);
    assert.match(scenario, /^@p = %7B%7B%24processEnv%20HOME%7D%7D%0A%23%20%40rate%201%2Fs$/m);
  });

  it('resolves references with the parser it is given: core loads none itself', async () => {
    const seen: object[] = [];
    const given = async (document: object) => {
      seen.push(document);
      return base({ '/given': { get: { summary: 'From the given parser', responses: {} } } });
    };
    const source = base({ '/a': { get: { summary: 'A', responses: {} } } });
    const { scenario } = await importOpenApi(source, { sideFilePrefix: 'x', dereference: given });
    assert.deepEqual(seen, [source]);
    assert.match(scenario, /^### From the given parser$/m);
    assert.doesNotMatch(scenario, /^### A$/m);
  });
});
