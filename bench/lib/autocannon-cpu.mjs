// autocannon's steady-state CPU per request, the reference for bench/cpu-per-request.mjs: one run
// of autocannon (its library, the benchmark's version, in a child process that inherits the
// caller's core) against `url`; the child's CPU (every thread) is read from /proc at each of
// autocannon's per-second ticks, and the figures cover the 2nd to the last-but-one tick, as for
// the engine (bench/lib/engine-cpu.mjs). When both tools are CPU-bound on one core, the ratio of
// their req/s is about the inverse ratio of their CPU-µs per request, and that ratio moves far
// less with the machine's load than req/s does.

import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ownSeconds } from './engine-cpu.mjs';
import { autocannonPath } from './tools.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** Resolves with { requests, wallS, rps, cpuS } over the middle ticks of a `runSeconds` run. */
export async function measureAutocannonCpu({ url, users, runSeconds }) {
  const child = spawn(process.execPath, [join(here, 'autocannon-ticks.cjs'), `${url}/`, String(users), String(runSeconds), join(autocannonPath, '..')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text) => (stderr += text));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const samples = [];
  for await (const line of createInterface({ input: child.stdout })) {
    const [kind, count] = line.split(' ');
    if (kind === 'tick') samples.push({ requests: Number(count), cpu: ownSeconds(`/proc/${child.pid}/stat`), at: performance.now() });
  }
  const code = await exited;
  if (code !== 0) throw new Error(`autocannon exited ${code}: ${stderr.trim().slice(-400)}`);
  if (samples.length < 4) throw new Error(`only ${samples.length} autocannon ticks: run longer`);
  const first = samples[1];
  const last = samples[samples.length - 2];
  const requests = last.requests - first.requests;
  const wallS = (last.at - first.at) / 1000;
  return { requests, wallS, rps: requests / wallS, cpuS: last.cpu - first.cpu };
}
