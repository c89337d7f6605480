// Steady-state CPU per request of the references of bench/cpu-per-request.mjs, measured as the
// engine's is (bench/lib/engine-cpu.mjs): a child process that inherits the caller's core runs a
// load loop against `url` and prints "tick <total requests>" once a second; its CPU (every thread)
// is read from /proc at each tick, and the figures cover the 2nd to the last-but-one tick.
// - autocannon (its library, the benchmark's version: bench/lib/autocannon-ticks.cjs). When both
//   tools are CPU-bound on one core, the ratio of their req/s is about the inverse ratio of their
//   CPU-µs per request, and that ratio moves far less with the machine's load than req/s does.
// - Node's floor (bench/lib/node-floor.cjs): the least a Node client does per request with the
//   engine's own parts (a socket, net's `onread`, Node's llhttp binding), and nothing else.

import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { middleSamples, ownSplit } from './engine-cpu.mjs';
import { autocannonPath } from './tools.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** Resolves with { requests, wallS, rps, cpuS, userS, systemS } over the middle ticks of autocannon's run. */
export function measureAutocannonCpu({ url, users, runSeconds }) {
  return measureTicks('autocannon', [join(here, 'autocannon-ticks.cjs'), `${url}/`, String(users), String(runSeconds), join(autocannonPath, '..')]);
}

/** The same for Node's floor (bench/lib/node-floor.cjs). */
export function measureFloorCpu({ url, users, runSeconds }) {
  return measureTicks('the Node floor', [join(here, 'node-floor.cjs'), url, String(users), String(runSeconds)]);
}

async function measureTicks(name, args) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text) => (stderr += text));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const samples = [];
  for await (const line of createInterface({ input: child.stdout })) {
    const [kind, count] = line.split(' ');
    if (kind === 'tick') samples.push({ requests: Number(count), cpu: ownSplit(`/proc/${child.pid}/stat`), at: performance.now() });
  }
  const code = await exited;
  if (code !== 0) throw new Error(`${name} exited ${code}: ${stderr.trim().slice(-400)}`);
  const { counts, used } = middleSamples(samples, `ticks of ${name}`);
  return { ...counts, cpuS: used('own'), userS: used('user'), systemS: used('system') };
}
