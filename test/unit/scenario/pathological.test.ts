// Inputs built to hurt a parser: huge lines, many templates, deep variable chains. Each must be
// checked in linear time; the bound is loose (a busy machine) but far below a quadratic blowup.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkScenario } from '../../../src/core/scenario';
import { file, HEADER } from './helpers';

function timed(text: string): { ms: number; codes: string[] } {
  const start = performance.now();
  const result = checkScenario(text);
  return { ms: performance.now() - start, codes: result.diagnostics.map((d) => d.code) };
}

test('a megabyte line of unclosed {{ is one diagnostic, quickly', () => {
  const { ms, codes } = timed(file(...HEADER, '###', `POST /x`, '', '{{'.repeat(500_000)));
  assert.deepEqual(codes, ['bad-template']);
  assert.ok(ms < 2000, `${ms} ms`);
});

test('100,000 templates on one line and long runs of blanks, #, @ and digits', () => {
  const many = timed(file(...HEADER, '@a = 1', '###', `GET /${'{{a}}'.repeat(100_000)}`));
  assert.deepEqual(many.codes, []);
  for (const line of [' '.repeat(200_000) + 'x', '#'.repeat(200_000), '# @' + 'a'.repeat(200_000), `# @stage ${'1'.repeat(200_000)}s 5`, `# @threshold p${'9'.repeat(100_000)} < 1s`]) {
    const { ms } = timed(file(line, '###', 'GET http://h/'));
    assert.ok(ms < 2000, `${ms} ms for ${line.slice(0, 20)}`);
  }
});

test('a chain of 20,000 variables resolves without deep recursion; a cycle at its end is found', () => {
  const chain = Array.from({ length: 20_000 }, (_, i) => `@v${i} = {{v${i + 1}}}`);
  const { codes } = timed(file(...HEADER, ...chain, '@v20000 = {{v0}}', '###', 'GET /{{v0}}'));
  assert.deepEqual(codes, ['variable-cycle']);
});

test('messages quote user text cut short', () => {
  const [long] = checkScenario(file(`what${'x'.repeat(100_000)}`, '###', 'GET http://h/')).diagnostics;
  assert.equal(long?.code, 'unexpected-line');
  assert.ok((long?.message.length ?? 0) < 300, long?.message);
  assert.match(long?.message ?? '', /^cannot read 'whatx+\.\.\.': above the first request go/);
  const chain = Array.from({ length: 50 }, (_, i) => `@v${i} = {{v${(i + 1) % 50}}}`);
  const [cycle] = checkScenario(file(...HEADER, ...chain, '###', 'GET /')).diagnostics;
  assert.match(cycle?.message ?? '', /^variable 'v0' refers to itself \(v0 -> v1 -> v2 -> \.\.\. -> v49 -> v0\): break the cycle$/);
});
