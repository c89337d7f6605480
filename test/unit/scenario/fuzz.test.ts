// Fuzz: thousands of mutated scenarios from a seeded PRNG; check never throws and every range
// it returns lies within the text. The seed is printed on failure, so a case can be replayed.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkScenario, DIRECTIVES, type Range } from '../../../src/core/scenario';
import { createRandom } from '../../../src/core/schedule/random';

const SEED = 0x10ad1e25;
const CASES = 10_000;
const FIXTURES = join(__dirname, '../../fixtures/scenarios');
const CORPUS = readdirSync(FIXTURES).filter((name) => name.endsWith('.http')).map((name) => readFileSync(join(FIXTURES, name), 'utf8'));

const FRAGMENTS = ['{{', '}}', '{{$', '#', '# @', '@', '###', '//', '<', ':', '=', '%', '/s', '..', ' ', '\t', '\r', 'ms', 'xx', '.response.body.$', '.response.headers.', '$randomInt', '\u00e9', '\u{1F600}', '\ud800', '\u0301', '\u200b', '\ufeff', 'HTTP/1.1', '?a=1', '&b=2', '-', '0', '99999999999999999999'];
const ARGS = ['', '0', '1', '-1', '1.5', '50', '5/s', '10/s', '30s', '1h30m', '5x', '1s..2s', '2s..1s', 'p95 < 500ms', 'errors < 1%', 'rps > 1s', 'status 2xx', 'status 99', 'a.csv as a random', 'http://h', 'x', '{{a}}', '{{$guid}}', 'as', 'random'];
const DIRECTIVE_NAMES = [...DIRECTIVES.map((d) => d.name), 'note', 'user', 'spwan-rate', 'x'];

function mutate(text: string, random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const lines = text.split('\n');
  const at = Math.floor(random() * lines.length);
  switch (Math.floor(random() * 9)) {
    case 0:
      lines.splice(at, 1);
      break;
    case 1:
      lines.splice(at, 0, lines[at] ?? '');
      break;
    case 2: {
      const other = Math.floor(random() * lines.length);
      [lines[at], lines[other]] = [lines[other] ?? '', lines[at] ?? ''];
      break;
    }
    case 3: {
      const line = lines[at] ?? '';
      const where = Math.floor(random() * (line.length + 1));
      lines[at] = line.slice(0, where) + pick(FRAGMENTS) + line.slice(where);
      break;
    }
    case 4:
      return text.slice(0, Math.floor(random() * text.length));
    case 5:
      lines.splice(at, 0, `${pick(['# @', '// @', '#@', '  # @'])}${pick(DIRECTIVE_NAMES)} ${pick(ARGS)} ${random() < 0.3 ? pick(ARGS) : ''}`);
      break;
    case 6:
      lines.splice(at, 0, Array.from({ length: 1 + Math.floor(random() * 12) }, () => String.fromCharCode(Math.floor(random() * 0x3000))).join(''));
      break;
    case 7:
      return text.replace(/\n/g, '\r\n');
    default:
      lines.splice(at, 0, pick(['GET /x', 'POST {{u}}', 'GETT /', '', '###', '< ./f.json', 'X: {{$x}}', '@v = {{v}}', '?q=1']));
  }
  return lines.join('\n');
}

function assertWithin(range: Range, lineLengths: number[], context: string): void {
  const { start, end } = range;
  for (const position of [start, end]) {
    assert.ok(position.line >= 0 && position.line < lineLengths.length, `line out of text: ${context}`);
    assert.ok(position.character >= 0 && position.character <= (lineLengths[position.line] ?? 0), `character out of line: ${context}`);
  }
  assert.ok(start.line < end.line || (start.line === end.line && start.character <= end.character), `range runs backwards: ${context}`);
}

test(`check survives ${CASES} mutated scenarios with every range (diagnostics, fixes, model) inside the text`, () => {
  const random = createRandom(SEED);
  for (let i = 0; i < CASES; i++) {
    let text = CORPUS[i % CORPUS.length] ?? '';
    const mutations = 1 + Math.floor(random() * 4);
    for (let m = 0; m < mutations; m++) text = mutate(text, random);
    const lineLengths = text.split(/\r?\n/).map((line) => line.length);
    const context = `case ${i} (seed ${SEED}): ${JSON.stringify(text.slice(0, 2000))}`;
    const result = checkScenario(text);
    assert.equal(result.scenario.lineCount, lineLengths.length, context);
    for (const request of result.scenario.requests) {
      for (const range of [request.range, request.requestLineRange, request.url.range]) assertWithin(range, lineLengths, `request ${request.index} in ${context}`);
    }
    for (const directive of result.scenario.directives) {
      for (const range of [directive.range, directive.nameRange, directive.argsRange]) assertWithin(range, lineLengths, `@${directive.name} in ${context}`);
    }
    for (const diagnostic of result.diagnostics) {
      assert.notEqual(diagnostic.code, 'internal-error', `${diagnostic.message} in ${context}`);
      assert.ok(diagnostic.message.length > 0, context);
      assertWithin(diagnostic.range, lineLengths, `${diagnostic.code} in ${context}`);
      for (const fix of diagnostic.fixes ?? []) for (const edit of fix.edits) assertWithin(edit.range, lineLengths, `fix of ${diagnostic.code} in ${context}`);
    }
  }
});
