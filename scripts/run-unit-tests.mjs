// Runs every node:test suite (unit, grammar, engine, cli) with TypeScript loaded through tsx.
// Node 20's `--test` takes no globs, so the files are listed here. Arguments: folders or test files.
// With test/engine among them, the engine suite runs a second time through the undici fallback.
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
const run = (list, env = process.env) =>
  spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-timeout=180000', ...list], { stdio: 'inherit', env }).status ?? 1;
let status = run(files);

// The engine suite once more with http:// through undici: the fallback for a Node whose private
// HTTP parser is missing or fails its start-up self-test (src/engine/http1-parser.ts). Left out:
// the files about the engine's own transport itself (Http1Origin driven directly, preconnect, the switch).
const OWN_TRANSPORT_ONLY = ['http1-transport.test.ts', 'start-preparation.test.ts', 'undici-fallback.test.ts'];
if (roots.some((root) => root.replace(/\/+$/, '') === 'test/engine')) {
  const engineFiles = files.filter((file) => file.startsWith(join('test', 'engine')) && !OWN_TRANSPORT_ONLY.some((name) => file.endsWith(name)));
  console.log('\n# The engine suite again, with http:// through undici (LOADLENS_HTTP_TRANSPORT=undici)\n');
  status = Math.max(status, run(engineFiles, { ...process.env, LOADLENS_HTTP_TRANSPORT: 'undici' }));
}
process.exit(status);
