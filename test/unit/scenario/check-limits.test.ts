// Unbounded inputs are check errors on the line that holds them (src/core/scenario/limits.ts):
// each test is an input that once passed `check` and then exhausted or broke the engine.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkScenario } from '../../../src/core/scenario';
import { MAX_EXPANSION_CHARS } from '../../../src/core/scenario/limits';
import { assertClean, file, HEADER, only, range } from './helpers';

const HOST = '# @host http://localhost:8888';

test('over-limit: @users 1000000000000 (it grew the engine to 3.25 GB)', () => {
  const found = only(file(HOST, '# @users 1000000000000', '# @run-time 1m', '###', 'GET /'), 'over-limit');
  assert.deepEqual([found.severity, found.range], ['error', range(1, 9, 22)]);
  assert.equal(found.message, "@users is at most 100,000 (Loadlens's limit, docs/security.md), not '1000000000000'");
  assertClean(file(HOST, '# @users 100000', '# @run-time 1m', '###', 'GET /'));
});

test('over-limit: rates, spawn rates and @max-users', () => {
  assert.match(only(file(HOST, '# @rate 99999999999/s', '# @run-time 1m', '###', 'GET /'), 'over-limit').message, /@rate is at most 1,000,000\/s/);
  assert.match(only(file(HOST, '# @users 5', '# @spawn-rate 200000', '# @run-time 1m', '###', 'GET /'), 'over-limit').message, /@spawn-rate is at most 100,000\/s/);
  assert.match(only(file(HOST, '# @rate 5/s', '# @max-users 100001', '# @run-time 1m', '###', 'GET /'), 'over-limit').message, /@max-users is at most 100,000/);
  assert.deepEqual(only(file(HOST, '# @stage 1m 200000', '###', 'GET /'), 'over-limit').range, range(1, 9, 18));
  assert.match(only(file(HOST, '# @stage 1m 2000000/s', '###', 'GET /'), 'over-limit').message, /a stage's rate is at most 1,000,000\/s/);
});

test('over-limit: durations beyond 30 days (600h once overflowed the timers; 720h is the limit)', () => {
  for (const [directive, args] of [['run-time', '721h'], ['stop-timeout', '800h'], ['timeout', '1000h'], ['think', '1s..900h']] as const) {
    const text = file(...HEADER.filter((line) => !(directive === 'run-time' && line.includes('run-time'))), `# @${directive} ${args}`, '###', 'GET /');
    const found = only(text, 'over-limit');
    assert.match(found.message, new RegExp(`^@${directive} is at most 720h \\(30 days`), found.message);
  }
  assertClean(file(HOST, '# @users 1', '# @run-time 600h', '# @stop-timeout 600h', '###', 'GET /'));
  const plan = only(file(HOST, '# @stage 400h 5', '# @stage 400h 5', '###', 'GET /'), 'over-limit');
  assert.deepEqual(plan.range, range(2, 0, 15));
  assert.match(plan.message, /the stages last 800h up to this one: a plan lasts at most 720h/);
});

test('empty-stage-plan: @stage 0s 5 alone runs nothing; a 0s stage before others is a jump', () => {
  const found = only(file(HOST, '# @stage 0s 5', '###', 'GET /'), 'empty-stage-plan');
  assert.deepEqual([found.severity, found.range], ['error', range(1, 0, 13)]);
  assert.match(found.message, /the stages last 0s in all, so the run would send nothing/);
  assertClean(file(HOST, '# @stage 0s 5', '# @stage 1m 5', '###', 'GET /'));
  const load = checkScenario(file(HOST, '# @stage 0s 5/s', '# @stage 10s 5/s', '###', 'GET /')).scenario.load;
  assert.equal(load?.kind, 'stages');
});

/** `@v0 = {{v1}}{{v1}}` ... `@v(n-1) = {{vn}}{{vn}}`, `@vn = leaf`, and a request that uses v0. */
function doubling(levels: number, leaf: string): string {
  const lines = [...HEADER];
  for (let i = 0; i < levels; i++) lines.push(`@v${i} = {{v${i + 1}}}{{v${i + 1}}}`);
  lines.push(`@v${levels} = ${leaf}`, '', '###', 'GET /?q={{v0}}');
  return file(...lines);
}

test('expansion-limit: variables that double 40 levels deep (a worker crashed after check passed)', () => {
  const text = doubling(40, 'ab');
  const found = only(text, 'expansion-limit');
  // 'ab' doubled 20 times is 2 MiB: @v20 is where the limit is crossed (its line: 3 header lines + 20).
  assert.deepEqual(found.range, range(23, 1, 4));
  assert.equal(found.message, `@v20 expands to more than 1,048,576 characters (variables used more than once double it at each level): at most 1,048,576 (docs/security.md, Limits)`);
  assert.equal(MAX_EXPANSION_CHARS, 2 ** 20);
  // 2^19 copies of 'ab' is the limit exactly: @v0 fits, and `/?q=` around it would not.
  assertClean(doubling(18, 'ab'));
});

test('expansion-limit: a chain 20,000 deep is reported where it passes 32 levels, without overflowing the stack', () => {
  const lines = [...HEADER];
  for (let i = 0; i < 20_000; i++) lines.push(`@v${i} = {{v${i + 1}}}`);
  lines.push('@v20000 = end', '###', 'GET /?q={{v0}}');
  const found = only(file(...lines), 'expansion-limit');
  assert.match(found.message, /^@v19968 nests variables more than 32 deep/);
  assert.equal(found.range.start.line, 3 + 19_968);
  const shallow = [...HEADER];
  for (let i = 0; i < 31; i++) shallow.push(`@v${i} = {{v${i + 1}}}`);
  shallow.push('@v31 = end', '###', 'GET /?q={{v0}}');
  assertClean(file(...shallow));
});

test('expansion-limit: a request that repeats a large variable is reported on its own text', () => {
  const big = 'x'.repeat(400_000);
  const found = only(file(...HEADER, `@big = ${big}`, '###', 'POST /', '', '{{big}}{{big}}{{big}}'), 'expansion-limit');
  assert.match(found.message, /^this text expands to more than 1,048,576 characters/);
  assert.equal(found.range.start.line, 7);
});
