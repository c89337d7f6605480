// Profiles the engine on the benchmark's throughput case: nginx on core 1, the engine (one
// worker, 50 users, GET /) on core 0 with --cpu-prof, for SECONDS. Prints req/s and the top
// self-time functions of the worker thread's profile (the load generator).
//
//   node --import tsx bench/profile.mjs [SECONDS] [USERS] [RATE] [NAMES]   profiles land in bench/.tools/profiles/
// With RATE, an open model at RATE/s (USERS = @max-users) instead of USERS closed-model users
// (`-` for none). SCENARIO=templated profiles bench/lib/scenarios.mjs's templated scenario instead of GET /.
// With NAMES, the names benchmark's scenario (bench/lib/names.mjs) of NAMES request names.

import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { ENGINE_PROTOCOL_VERSION } from '../src/core/protocol/engine.ts';
import { runToCompletion, spawnEngine } from '../src/engine/spawn.ts';
import { namesScenario } from './lib/names.mjs';
import { startNginx } from './lib/targets.mjs';
import { SCENARIOS } from './lib/scenarios.mjs';
import { repoRoot } from './lib/tools.mjs';

const seconds = Number(process.argv[2] ?? 8);
const users = Number(process.argv[3] ?? 50);
const rate = process.argv[4] === undefined || process.argv[4] === '-' ? undefined : Number(process.argv[4]);
const names = process.argv[5] === undefined ? undefined : Number(process.argv[5]);
const dir = join(repoRoot, 'bench', '.tools', 'profiles');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

/** Self time per function (ms) from a .cpuprofile, largest first. */
function topSelfTime(profile, count) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  const intervals = profile.timeDeltas;
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    const frame = node.callFrame;
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (intervals[index] ?? 0) / 1000);
  });
  const total = [...self.values()].reduce((sum, ms) => sum + ms, 0);
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, count).map(([key, ms]) => `${((ms / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
}

// The engine and its worker inherit this process's affinity: generator core only.
execFileSync('taskset', ['-p', '-c', '0', String(process.pid)]);
const nginx = await startNginx(1);
try {
  const handle = spawnEngine({ entry: join(repoRoot, 'dist', 'engine.js'), execArgv: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
  const startedAt = performance.now();
  const result = await runToCompletion(handle, {
    type: 'run/start',
    protocolVersion: ENGINE_PROTOCOL_VERSION,
    runId: 'profile',
    scenarioPath: join(dir, 'profile.load.http'),
    scenarioText: names === undefined ? SCENARIOS[process.env.SCENARIO ?? 'plain'] : namesScenario(names),
    options: { host: nginx.url, users, rate, runTimeMs: seconds * 1000, workers: 1 },
  });
  await handle.exited;
  console.log(`${((performance.now() - startedAt) / 1000).toFixed(1)} s from start to exit for a ${seconds} s run`);
  const { rps, percentiles } = result.aggregate;
  console.log(`${Math.round(rps)} req/s, p50 ${percentiles['50']} ms, p99 ${percentiles['99']} ms, ${result.dropped} dropped (profiling slows it down)`);
} finally {
  await nginx.stop();
}
for (const file of readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'))) {
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  console.log(`\n${file}`);
  for (const line of topSelfTime(profile, Number(process.env.TOP ?? 25))) console.log(line);
}
