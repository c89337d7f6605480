// What an idle request name costs: a scenario of N names, each its own task (idleNamesScenario in
// bench/lib/names.mjs), run at 2 arrivals a second for 10 s, so that about 20 names are ever
// requested and the rest stay idle, against a loopback server. It reports the peak RSS of the CLI
// and of the engine (every process below the CLI), and the cost per idle name over a one-name run
// of the same load (median of the rounds).
// docs/performance-memory.md, "Memory per request name", has the figures.
//
//   node bench/idle-names.mjs [--names 10000] [--rounds 3]

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { treeRssBytes } from './lib/cpu.mjs';
import { idleNamesScenario } from './lib/names.mjs';
import { median } from './lib/rounds.mjs';
import { cliPath } from './lib/tools.mjs';

const { values: options } = parseArgs({ options: { names: { type: 'string', default: '10000' }, rounds: { type: 'string', default: '3' } } });
const KIB = 1024;
const MIB = 1024 * KIB;

function rssBytes(pid) {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * KIB;
  } catch {
    return 0; // It ended.
  }
}

/** One 10 s run of `names` names at 2/s: the CLI's and the engine's peak RSS. */
async function run(folder, url, names) {
  const scenario = join(folder, `names-${names}.load.http`);
  writeFileSync(scenario, idleNamesScenario(names));
  const child = spawn(process.execPath, [cliPath, 'run', scenario, '-H', url, '--rate', '2', '-t', '10s', '--workers', '1', '-q'], { stdio: 'ignore' });
  let cli = 0;
  let engine = 0;
  const timer = setInterval(() => {
    const own = rssBytes(child.pid);
    cli = Math.max(cli, own);
    engine = Math.max(engine, treeRssBytes(child.pid) - own);
  }, 200);
  const code = await new Promise((resolve) => child.on('exit', resolve));
  clearInterval(timer);
  if (code !== 0) throw new Error(`the run of ${names} names exited ${code}`);
  return { cli, engine };
}

const server = createServer((request, response) => response.end('ok'));
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}`;
const folder = mkdtempSync(join(tmpdir(), 'loadlens-idle-names-'));
const counts = [1, Number(options.names)];
const runs = new Map(counts.map((count) => [count, []]));
try {
  for (let round = 0; round < Number(options.rounds); round++) {
    for (const count of counts) {
      const peaks = await run(folder, url, count);
      runs.get(count).push(peaks);
      console.log(`names ${count}: CLI ${(peaks.cli / MIB).toFixed(1)} MiB, engine ${(peaks.engine / MIB).toFixed(1)} MiB`);
    }
  }
} finally {
  server.close();
  rmSync(folder, { recursive: true, force: true });
}
for (const part of ['cli', 'engine']) {
  const [one, many] = counts.map((count) => median(runs.get(count).map((peaks) => peaks[part])));
  console.log(`${part}: ${((many - one) / (counts[1] - 1) / KIB).toFixed(1)} KiB per idle name (median peak ${(one / MIB).toFixed(1)} -> ${(many / MIB).toFixed(1)} MiB)`);
}
