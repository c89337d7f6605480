// The false-alarm rate of `loadlens compare` on identical runs (docs/compare.md): runs one
// scenario N times against the same loopback server, then compares every pair of runs and counts
// the changes called significant. Every one of them is a false alarm: nothing changed.
//
//   node bench/compare-noise.mjs [--runs 8] [--seconds 5] [--users 10] [--delay-ms 5] [--rate R]
//
// Needs `npm run build` first (it runs dist/cli.js as a user would). All traffic goes to 127.0.0.1.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '8' },
    seconds: { type: 'string', default: '5' },
    users: { type: 'string', default: '10' },
    'delay-ms': { type: 'string', default: '5' },
    rate: { type: 'string' },
  },
});
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const delayMs = Number(values['delay-ms']);
// Latency with a spread, as a real service has: the delay times a log-normal factor.
const server = createServer((_req, res) => {
  const u = 1 - Math.random();
  const factor = Math.exp(0.4 * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * Math.random()));
  setTimeout(() => res.end('ok'), delayMs * factor);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const host = `http://127.0.0.1:${server.address().port}`;
const dir = mkdtempSync(join(tmpdir(), 'loadlens-noise-'));
const load = values.rate ? [`# @rate ${values.rate}/s`] : [`# @users ${values.users}`];
const scenario = join(dir, 'noise.load.http');
writeFileSync(scenario, [...load, `# @run-time ${values.seconds}s`, '', '### Home', 'GET /', '', '### List', 'GET /list', ''].join('\n'));

// Sequential runs: the engine runs in a child process, so the server in this one keeps answering.
const runCli = (args) =>
  new Promise((resolve) => {
    import('node:child_process').then(({ spawn }) => {
      const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      child.stderr.on('data', (chunk) => (out += chunk));
      child.on('close', (code) => resolve({ code, out }));
    });
  });

const runs = Number(values.runs);
const files = [];
for (let i = 0; i < runs; i++) {
  const file = join(dir, `run-${i}.json`);
  const { code, out } = await runCli(['run', scenario, '--host', host, '-q', '--json', file]);
  if (code !== 0) throw new Error(`run ${i} exited ${code}: ${out}`);
  files.push(file);
  process.stderr.write(`run ${i + 1}/${runs} done\n`);
}
server.close();

// Compared with no floor: each change keeps its bootstrap verdict and its size, and the false
// alarms are then counted for each floor.
const FLOORS = [0, 0.05, 0.1, 0.15, 0.2, 0.3];
// `loadlens compare`'s own defaults (DEFAULT_MINIMUM_CHANGES in src/core/comparison/compare-results.ts).
const DEFAULT_FLOORS = { median: 0.05, p95: 0.15, p99: 0.3, rps: 0.1, errors: 0 };
const changes = []; // { metric, significant, size }
let pairs = 0;
for (let a = 0; a < runs; a++) {
  for (let b = a + 1; b < runs; b++) {
    const out = join(dir, `c-${a}-${b}.json`);
    const compared = spawnSync(process.execPath, [cli, 'compare', files[a], files[b], '--json', out, '--min-change', '0'], { encoding: 'utf8' });
    if (compared.status !== 0) throw new Error(compared.stderr);
    const { comparison } = JSON.parse(readFileSync(out, 'utf8'));
    pairs++;
    for (const row of [...comparison.rows, comparison.aggregate]) {
      for (const change of row.metrics) {
        if (change.significant === undefined) continue;
        const size = change.metric === 'errors' ? Math.abs(change.change ?? 0) / 100 : Math.abs(change.relative ?? 0);
        changes.push({ pair: pairs, metric: change.metric, significant: change.significant, size });
      }
    }
  }
}
rmSync(dir, { recursive: true, force: true });

const percent = (part, whole) => `${((part / Math.max(1, whole)) * 100).toFixed(1)}%`;
const metrics = [...new Set(changes.map((c) => c.metric))];
console.log(`${runs} identical runs (${values.rate ? `${values.rate}/s` : `${values.users} users`}, ${values.seconds}s, ${delayMs} ms log-normal server), ${pairs} pairs compared`);
console.log('');
console.log('Size of the change between identical runs (|new/base - 1|; errors in percentage points / 100):');
for (const metric of metrics) {
  const sizes = changes.filter((c) => c.metric === metric).map((c) => c.size).sort((x, y) => x - y);
  const at = (q) => sizes[Math.min(sizes.length - 1, Math.floor(q * sizes.length))] ?? 0;
  console.log(`  ${metric.padEnd(7)} median ${percent(at(0.5), 1)}, 90th ${percent(at(0.9), 1)}, max ${percent(at(1), 1)} (${sizes.length} changes)`);
}
console.log('');
console.log('False alarms (changes called significant) by --min-change:');
console.log(`  ${'floor'.padEnd(7)} ${metrics.map((m) => m.padStart(8)).join(' ')}  pairs with any`);
for (const floor of FLOORS) {
  const alarms = changes.filter((c) => c.significant && c.size >= floor);
  const cells = metrics.map((m) => percent(alarms.filter((c) => c.metric === m).length, changes.filter((c) => c.metric === m).length).padStart(8));
  console.log(`  ${`${floor * 100}%`.padEnd(7)} ${cells.join(' ')}  ${percent(new Set(alarms.map((c) => c.pair)).size, pairs)}`);
}
const atDefaults = changes.filter((c) => c.significant && c.size >= (DEFAULT_FLOORS[c.metric] ?? 0));
const defaultCells = metrics.map((m) => percent(atDefaults.filter((c) => c.metric === m).length, changes.filter((c) => c.metric === m).length).padStart(8));
console.log(`  ${'default'.padEnd(7)} ${defaultCells.join(' ')}  ${percent(new Set(atDefaults.map((c) => c.pair)).size, pairs)}`);
