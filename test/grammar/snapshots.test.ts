// Token snapshots of every construct: each fixture test/fixtures/grammar/NAME.load.http is
// tokenized line by line and compared exactly with NAME.snap beside it.
// `UPDATE_SNAPSHOTS=1 npm run test:unit` rewrites the snapshots: read the diff before keeping it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesDir, renderSnapshot, tokenize } from './tokenize';

const update = process.env.UPDATE_SNAPSHOTS === '1';
const fixtures = readdirSync(fixturesDir).filter((name) => name.endsWith('.load.http')).sort();

const preface = (fixture: string): string =>
  `# Tokens of ${fixture}: each source line, then one row per token: columns, text, scopes\n` +
  `# (outermost first, source.loadlens left out). Rewrite with UPDATE_SNAPSHOTS=1.\n\n`;

test('there are grammar fixtures to snapshot', () => {
  assert.ok(fixtures.length >= 8, `expected the fixtures in ${fixturesDir}, found ${fixtures.length}`);
});

for (const fixture of fixtures) {
  test(`tokens of ${fixture} match the snapshot`, async () => {
    // The fixture's final newline ends its last line; it does not open one more.
    const text = readFileSync(join(fixturesDir, fixture), 'utf8').replace(/\r?\n$/, '');
    const actual = preface(fixture) + renderSnapshot(text, await tokenize(text));
    const snapshotPath = join(fixturesDir, fixture.replace(/\.load\.http$/, '.snap'));
    if (update) {
      writeFileSync(snapshotPath, actual);
      return;
    }
    assert.ok(existsSync(snapshotPath), `no snapshot ${snapshotPath}: run with UPDATE_SNAPSHOTS=1 and review it`);
    assert.equal(actual, readFileSync(snapshotPath, 'utf8'));
  });
}
