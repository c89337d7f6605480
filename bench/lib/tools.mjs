// The load generators under comparison, each pinned to the generator core: the Loadlens engine
// through its CLI (one worker), wrk, autocannon (one thread, its default), and Locust's
// FastHttpUser and HttpUser. Each `run` resolves with { rps, p50Ms, p99Ms, requests, errors }.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPinned } from './processes.mjs';
import { parseAutocannon, parseLoadlensResult, parseLocustSummary, parseWrk } from './parse-outputs.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = join(here, '..', '..');
export const cliPath = join(repoRoot, 'dist', 'cli.js');
export const autocannonPath = join(here, '..', '.tools', 'node_modules', 'autocannon', 'autocannon.js');
const locustfile = join(here, '..', 'locust', 'locustfile.py');

/** How long past its planned end a tool may take before it is killed. */
const SLACK_MS = 20_000;

function failIfBad(result, name) {
  if (result.code !== 0) {
    throw new Error(`${name} exited ${result.code ?? result.signal}: ${(result.stderr || result.stdout).trim().slice(-400)}`);
  }
}

/**
 * Runs `loadlens run` on a scenario text; resolves with the parsed aggregate plus the full result.
 * `args` are extra CLI flags (-u, --rate, -t, ...). `onStart(child)` sees the process (RSS sampling).
 */
export async function runLoadlens({ core, scenario, args, timeoutMs, onStart, env }) {
  const dir = mkdtempSync(join(tmpdir(), 'loadlens-bench-run-'));
  try {
    const file = join(dir, 'bench.load.http');
    const json = join(dir, 'result.json');
    writeFileSync(file, scenario);
    const result = await runPinned(core, process.execPath, [cliPath, 'run', file, ...args, '--json', json, '-q'], timeoutMs, {
      onStart,
      env,
    });
    failIfBad(result, 'loadlens');
    return parseLoadlensResult(readFileSync(json, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The throughput tools for `GET /` on `url` with `users` connections for `seconds`. */
export function throughputTools(core, { locust }) {
  const tools = [
    {
      name: 'loadlens',
      run: ({ url, users, seconds }) =>
        runLoadlens({
          core,
          scenario: '### root\nGET /\n',
          args: ['-H', url, '-u', String(users), '-t', `${seconds}s`, '--workers', '1'],
          timeoutMs: seconds * 1000 + SLACK_MS,
        }),
    },
    {
      name: 'autocannon',
      run: async ({ url, users, seconds }) => {
        const args = [autocannonPath, '-c', String(users), '-d', String(seconds), '--json', `${url}/`];
        const result = await runPinned(core, process.execPath, args, seconds * 1000 + SLACK_MS);
        failIfBad(result, 'autocannon');
        return parseAutocannon(result.stdout);
      },
    },
    {
      name: 'wrk',
      run: async ({ url, users, seconds }) => {
        const args = ['-t1', `-c${users}`, `-d${seconds}s`, '--latency', `${url}/`];
        const result = await runPinned(core, 'wrk', args, seconds * 1000 + SLACK_MS);
        failIfBad(result, 'wrk');
        return parseWrk(result.stdout);
      },
    },
  ];
  if (locust) {
    for (const [name, userClass] of [
      ['locust FastHttpUser', 'FastUser'],
      ['locust HttpUser', 'PlainUser'],
    ]) {
      tools.push({
        name,
        run: async ({ url, users, seconds }) => {
          const args = ['-f', locustfile, userClass, '--headless', '-u', String(users), '-r', String(users)];
          args.push('-t', `${seconds}s`, '-H', url, '--only-summary', '--loglevel', 'WARNING');
          const result = await runPinned(core, '/usr/bin/locust', args, seconds * 1000 + SLACK_MS);
          failIfBad(result, name);
          return parseLocustSummary(result.stdout + result.stderr);
        },
      });
    }
  }
  return tools;
}
