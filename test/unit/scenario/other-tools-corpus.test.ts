// The corpus: one file per request form that REST Client, httpYac and the JetBrains client
// document (test/fixtures/other-tools/), written in each tool's style. Each must check without
// an error other than the two the format calls real (an unknown variable, a missing body file),
// and keep at least one request, run or skipped.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { checkScenario } from '../../../src/core/scenario';

const CORPUS = join(__dirname, '../../fixtures/other-tools');
const REAL_ERRORS = new Set(['unknown-variable', 'missing-body-file']);

function httpFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return httpFiles(path);
    return entry.endsWith('.http') ? [path] : [];
  });
}

const files = httpFiles(CORPUS).sort();

test('the corpus holds the three tools\' forms', () => {
  const tools = new Set(files.map((file) => dirname(file).split(/[\\/]/).at(-1)));
  assert.deepEqual([...tools].sort(), ['httpyac', 'jetbrains', 'rest-client']);
  assert.ok(files.length >= 30, `only ${files.length} files`);
});

for (const path of files) {
  test(`reads ${path.slice(CORPUS.length + 1)}`, () => {
    const text = readFileSync(path, 'utf8');
    const fileExists = (relative: string) => existsSync(resolve(dirname(path), relative));
    const { scenario, diagnostics } = checkScenario(text, { fileExists });
    const errors = diagnostics.filter((d) => d.severity === 'error' && !REAL_ERRORS.has(d.code));
    assert.deepEqual(errors.map((d) => `${d.range.start.line + 1}: ${d.code} ${d.message}`), []);
    assert.ok(scenario.requests.length + (scenario.skipped?.length ?? 0) > 0, 'no request read');
  });
}
