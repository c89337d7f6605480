// What `loadlens` reads at start-up: the OpenAPI parser (@apidevtools/swagger-parser and its
// schema validators, most of the CLI's bytes) is a bundle of its own, dist/openapi-dereference.js,
// loaded only by an OpenAPI import; `--version`, `run` and the extension's start do not read it.

import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { ensureBuilt, ROOT, runCli, tempDir } from './helpers';

before(ensureBuilt);

test('cli.js and extension.js leave the OpenAPI parser to its own bundle', () => {
  const parser = join(ROOT, 'dist', 'openapi-dereference.js');
  assert.ok(existsSync(parser), 'dist/openapi-dereference.js is built');
  assert.match(readFileSync(parser, 'utf8'), /node_modules\/@apidevtools\/swagger-parser/);
  for (const bundle of ['cli.js', 'extension.js']) {
    const text = readFileSync(join(ROOT, 'dist', bundle), 'utf8');
    assert.doesNotMatch(text, /node_modules\/@apidevtools\//, `${bundle} holds the OpenAPI parser`);
  }
});

test('an OpenAPI import loads the parser bundle and resolves $refs through it', async () => {
  const dir = tempDir();
  try {
    const document = dir.file('api.json', JSON.stringify({
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      servers: [{ url: 'http://api.invalid' }],
      paths: { '/users': { post: { operationId: 'createUser', requestBody: { $ref: '#/components/requestBodies/User' }, responses: { 201: { description: 'ok' } } } } },
      components: { requestBodies: { User: { content: { 'application/json': { example: { name: 'from-the-ref' } } } } } },
    }));
    const outcome = await runCli(['import', 'openapi', document, '-o', join(dir.path, 'api.load.http')]);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.match(readFileSync(join(dir.path, 'api.load.http'), 'utf8'), /from-the-ref/);
  } finally {
    dir.remove();
  }
});
