// Runs every node:test suite (unit, grammar, engine, cli) with TypeScript loaded through tsx.
// Node 20's `--test` takes no globs, so the files are listed here. Arguments: folders or test files.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['test/unit', 'test/grammar', 'test/engine', 'test/cli'];

function findTests(dir) {
  if (dir.endsWith('.test.ts')) return [dir];
  let found = [];
  let entries;
  try { entries = readdirSync(dir); } catch { return found; }
  for (const entry of entries) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found = found.concat(findTests(path));
    else if (entry.endsWith('.test.ts')) found.push(path);
  }
  return found;
}

const files = roots.flatMap(findTests).sort();
if (files.length === 0) {
  console.error(`no test files under ${roots.join(', ')}`);
  process.exit(1);
}
// A hung test must fail the run, not hold CI until its own limit: no single test here needs 3 minutes.
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-timeout=180000', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
