// Every diagnostic code the checker can emit is exercised by a test that asserts its range.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const SOURCE = join(__dirname, '../../../src/core/scenario');
const TESTS = __dirname;

function readAll(dir: string): string {
  return readdirSync(dir).filter((name) => name.endsWith('.ts')).map((name) => readFileSync(join(dir, name), 'utf8')).join('\n');
}

test('each diagnostic code of the checker appears in the tests', () => {
  const source = readAll(SOURCE);
  const emitted = new Set([...source.matchAll(/'(?:error|warning|info)', '([a-z-]+)'/g)].map((match) => match[1] as string));
  emitted.delete('internal-error'); // only reachable through a bug; the fuzz test asserts it never appears
  assert.ok(emitted.size >= 35, `found only ${emitted.size} codes: the pattern no longer matches the source`);
  const tests = readAll(TESTS).replace(/'(?:error|warning|info)', '[a-z-]+'/g, '');
  const untested = [...emitted].filter((code) => !tests.includes(`'${code}'`));
  assert.deepEqual(untested, []);
});
