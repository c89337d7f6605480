#!/usr/bin/env node
// Measures how many `.http` files of another tool `loadlens check` reads without a real error:
// each FILE.http under ROOT is copied beside itself as FILE.load.http and checked with
// DIST/cli.js. A file is clean when it has no error other than an unknown variable or a missing
// body/data file (the corpus test of docs/scenario-other-tools.md allows those too); a crash is an exit code other
// than 0 or 2, or a stack trace. LOOSE=1 also lets unknown {{name.field}} data bindings pass.
//
//   node scripts/check-http-corpus.mjs DIST ROOT [--list]
//   e.g. node scripts/check-http-corpus.mjs dist test/fixtures/other-tools/rest-client
//
// ROOT is copied to a temporary folder first (body files keep their relative paths there), so
// nothing is written into ROOT; the copy is removed at the end.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const [dist, root, flag] = process.argv.slice(2);
if (!dist || !root) {
  console.error('usage: node scripts/check-http-corpus.mjs DIST ROOT [--list]');
  process.exit(2);
}

function httpFiles(dir) {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return httpFiles(path);
    return entry.endsWith('.http') && !entry.endsWith('.load.http') ? [path] : [];
  });
}

const allowed = [/unknown variable/, /body file .* not found/, /data file .* not found/, ...(process.env.LOOSE ? [/unknown data binding/] : [])];
const scratch = mkdtempSync(join(tmpdir(), 'loadlens-corpus-'));
cpSync(resolve(root), scratch, { recursive: true });
const files = httpFiles(scratch).sort();
let clean = 0;
let withErrors = 0;
let crashes = 0;
const counts = new Map();
const listed = [];
for (const file of files) {
  const target = file.replace(/\.http$/, '.load.http');
  copyFileSync(file, target);
  const run = spawnSync(process.execPath, [join(resolve(dist), 'cli.js'), 'check', target], { encoding: 'utf8', timeout: 60_000 });
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  const crashed = (run.status !== 0 && run.status !== 2) || /internal error|\n\s+at .*:\d+:\d+\)?/.test(output);
  const errors = output.split('\n').filter((line) => / error: /.test(line)).map((line) => line.replace(/^.*? error: /, ''));
  const real = errors.filter((message) => !allowed.some((pattern) => pattern.test(message)));
  if (crashed) {
    crashes++;
    listed.push(`CRASH ${target.slice(scratch.length + 1)}: ${output.slice(0, 400)}`);
  }
  if (real.length > 0) {
    withErrors++;
    listed.push(`${target.slice(scratch.length + 1)}: ${real.join(' | ').slice(0, 300)}`);
    for (const message of real) {
      const kind = message.replace(/'[^']*'/g, "'…'").slice(0, 90);
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
    }
  } else if (!crashed) {
    clean++;
  }
}
rmSync(scratch, { recursive: true, force: true });
const share = files.length === 0 ? 0 : (100 * clean) / files.length;
console.log(`files ${files.length}  clean ${clean} (${share.toFixed(1)}%)  with errors ${withErrors}  crashes ${crashes}`);
for (const [kind, count] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(String(count).padStart(5), kind);
if (flag === '--list') for (const line of listed) console.log(line);
