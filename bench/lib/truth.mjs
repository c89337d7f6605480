// The truth checks: runs of the engine against servers whose behaviour is known, compared with
// what the schedule or the server says really happened. Each check returns
// { name, expected, measured, pass, note? }.

import { createRandom } from '../../src/core/schedule/random.ts';
import { openCpuWindow, treeRssBytes, waitForQuiet } from './cpu.mjs';
import { startTruthServer } from './targets.mjs';
import { runLoadlens } from './tools.mjs';
import { median } from './rounds.mjs';

const within = (value, target, fraction) => Math.abs(value - target) <= target * fraction;
const f1 = (value) => value.toFixed(1);
const MIB = 1024 * 1024;

/** Samples the RSS of a process tree once a second while it runs. */
function rssSampler() {
  const samples = [];
  let timer;
  return {
    samples,
    onStart(child) {
      const startedAt = performance.now();
      timer = setInterval(() => samples.push({ atMs: performance.now() - startedAt, rss: treeRssBytes(child.pid) }), 1000);
      child.once('exit', () => clearInterval(timer));
    },
  };
}

/**
 * Server-side percentile for a value `p` (0..1) of the latency a stalling server implies: an
 * arrival at phase φ of the period waits max(0, freeze − φ), so P(L > x) = (freeze − x) / period.
 */
export function freezeTruthMs(p, periodMs, freezeMs) {
  return Math.max(0, freezeMs - (1 - p) * periodMs);
}

/** Open model, 1000/s for 10 s, against a server that stalls 250 ms every second. */
export async function freezeCheck({ generatorCore, targetCore }) {
  const server = await startTruthServer(targetCore, ['freeze', '1000', '250']);
  try {
    const run = await runLoadlens({
      core: generatorCore,
      scenario: '### stalls\nGET /\n',
      args: ['-H', server.url, '--rate', '1000', '-t', '10s', '--workers', '1'],
      timeoutMs: 40_000,
    });
    const arrivals = (await server.report()).arrivals.length;
    const p90 = run.result.aggregate.percentiles['90'];
    const p99 = run.result.aggregate.percentiles['99'];
    const truth90 = freezeTruthMs(0.9, 1000, 250);
    const truth99 = freezeTruthMs(0.99, 1000, 250);
    return [
      { name: 'stalling server: p90', expected: `${f1(truth90)} ms ±10%`, measured: `${f1(p90)} ms`, pass: within(p90, truth90, 0.1) },
      { name: 'stalling server: p99', expected: `${f1(truth99)} ms ±10%`, measured: `${f1(p99)} ms`, pass: within(p99, truth99, 0.1) },
      {
        name: 'stalling server: requests',
        expected: '10,000 ±1%',
        measured: `${run.requests.toLocaleString('en-US')} reported, ${arrivals.toLocaleString('en-US')} arrived`,
        pass: within(run.requests, 10_000, 0.01) && within(arrivals, 10_000, 0.01),
      },
    ];
  } finally {
    await server.stop();
  }
}

/** Closed model, 20 users, against a server that answers in 50 ms. */
export async function fixedLatencyCheck({ generatorCore, targetCore }) {
  const server = await startTruthServer(targetCore, ['fixed', '50']);
  try {
    const run = await runLoadlens({
      core: generatorCore,
      scenario: '### slow\nGET /\n',
      args: ['-H', server.url, '-u', '20', '-t', '5s', '--workers', '1'],
      timeoutMs: 30_000,
    });
    const p50 = run.result.aggregate.percentiles['50'];
    return [{ name: '50 ms server, 20 users: median', expected: '50-55 ms', measured: `${p50.toFixed(2)} ms`, pass: p50 >= 50 && p50 <= 55 }];
  } finally {
    await server.stop();
  }
}

/**
 * How evenly `arrivals` (ms, any order) follow a rate of `rate`/s: 100-ms bins from the first
 * arrival; the largest bin and the mean first bin of each second, both over the expected bin;
 * and the p99 distance of the k-th arrival from first + k/rate.
 */
export function arrivalSpread(arrivals, rate, seconds) {
  const sorted = Float64Array.from(arrivals).sort();
  const first = sorted[0] ?? 0;
  const binCount = Math.round(seconds * 10);
  const bins = new Array(binCount).fill(0);
  for (const at of sorted) {
    const bin = Math.floor((at - first) / 100);
    if (bin < binCount) bins[bin]++;
  }
  const expected = rate / 10;
  const starts = bins.filter((_, index) => index % 10 === 0);
  const offsets = Array.from(sorted, (at, k) => Math.abs(at - first - (k * 1000) / rate)).sort((a, b) => a - b);
  return {
    maxBin: Math.max(...bins) / expected,
    secondStart: (starts.reduce((sum, n) => sum + n, 0) / starts.length) / expected,
    p99OffsetMs: offsets[Math.min(offsets.length - 1, Math.floor(offsets.length * 0.99))] ?? 0,
  };
}

/**
 * Open model at each rate: server-side count within 1% and an even spread. One server for all
 * rates, warmed up first by an unmeasured run: a cold Node server (its JIT) falls behind for the
 * first ~0.5 s at 10,000/s, and the check is about the engine. Each rate gets its own CPU window.
 */
export async function arrivalRateChecks({ generatorCore, targetCore, rates, log, maxOtherCores, quietWaitMs = 0, targetPids }) {
  const server = await startTruthServer(targetCore, ['count']);
  const checks = [];
  try {
    await runLoadlens({
      core: generatorCore,
      scenario: '### warm-up\nGET /\n',
      args: ['-H', server.url, '--rate', '10000', '-t', '4s', '--workers', '1'],
      timeoutMs: 40_000,
    });
    for (const rate of rates) {
      const seconds = rate < 100 ? 10 : 5;
      await server.reset();
      await waitForQuiet([...targetPids, server.pid], maxOtherCores, quietWaitMs);
      const window = openCpuWindow([...targetPids, server.pid]);
      const run = await runLoadlens({
        core: generatorCore,
        scenario: '### arrive\nGET /\n',
        args: ['-H', server.url, '--rate', String(rate), '-t', `${seconds}s`, '--workers', '1'],
        timeoutMs: seconds * 1000 + 30_000,
      });
      const { otherCores } = window.close();
      const { arrivals } = await server.report();
      const planned = rate * seconds;
      const spread = arrivalSpread(arrivals, rate, seconds);
      // Below 100/s a 100-ms bin holds 0 or 1 arrival: judge the spread by the schedule offset.
      const even = rate >= 100 ? spread.maxBin <= 1.5 && spread.secondStart <= 1.2 : spread.p99OffsetMs <= 100 / rate + 10;
      checks.push({
        name: `arrivals at ${rate.toLocaleString('en-US')}/s`,
        expected: `${planned.toLocaleString('en-US')} ±1%, even`,
        measured:
          `${arrivals.length.toLocaleString('en-US')} (${run.result.dropped} dropped); max bin ${spread.maxBin.toFixed(2)}x, ` +
          `second-start bin ${spread.secondStart.toFixed(2)}x, p99 off schedule ${spread.p99OffsetMs.toFixed(1)} ms`,
        pass: within(arrivals.length, planned, 0.01) && even,
        otherCores,
        noisy: otherCores > maxOtherCores,
      });
      log(`  ${checks.at(-1).name}: ${checks.at(-1).measured}`);
    }
  } finally {
    await server.stop();
  }
  return checks;
}

/**
 * 10,000 users with `@think 1s..3s` on one worker: peak RSS under 1 GiB, and each think time
 * honoured within 10 ms at p99, measured at the server. Each request carries the user's next
 * seeded random number; the harness replays every user's stream (same seed, same generator as the
 * engine) to know which user and iteration sent it and what think time the engine drew before it.
 * lateness = arrival(iteration k) − response finished(iteration k−1) − think drawn.
 */
export async function thinkCheck({ generatorCore, targetCore, users, seconds, spawnRate }) {
  const seed = 4242;
  const server = await startTruthServer(targetCore, ['count', '--tokens']);
  const rss = rssSampler();
  try {
    const scenario = '# @think 1s..3s\n\n### think\nGET /t?v={{$randomInt 0 4294967296}}\n';
    const run = await runLoadlens({
      core: generatorCore,
      scenario,
      args: ['-H', server.url, '-u', String(users), '-r', String(spawnRate), '-t', `${seconds}s`, '--workers', '1', '--seed', String(seed)],
      timeoutMs: seconds * 1000 + 60_000,
      onStart: rss.onStart,
    });
    const { tokens, arrivals, finishes } = await server.report();
    const lateness = thinkLateness({ seed, users, tokens, arrivals, finishes });
    const peak = Math.max(0, ...rss.samples.map((sample) => sample.rss));
    const p99 = lateness.values[Math.floor(lateness.values.length * 0.99)] ?? Infinity;
    return [
      {
        name: `${users.toLocaleString('en-US')} users, think 1s..3s: memory`,
        expected: '< 1024 MiB RSS',
        measured: `${(peak / MIB).toFixed(0)} MiB peak (${run.requests.toLocaleString('en-US')} requests)`,
        pass: peak > 0 && peak < 1024 * MIB,
      },
      {
        name: `${users.toLocaleString('en-US')} users, think 1s..3s: lateness`,
        expected: 'p99 <= 10 ms',
        measured:
          `p50 ${median(lateness.values)?.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms over ${lateness.values.length.toLocaleString('en-US')} thinks` +
          ` (${lateness.unmatched} requests not matched)`,
        pass: lateness.values.length > users && p99 <= 10 && lateness.unmatched <= tokens.length * 0.01,
      },
    ];
  } finally {
    await server.stop();
  }
}

/** Replays each user's random stream: draw 2k = the k-th request's token, 2k+1 = the think after it. */
export function thinkLateness({ seed, users, tokens, arrivals, finishes }) {
  const maxIterations = 64;
  const byToken = new Map();
  const thinks = [];
  for (let user = 0; user < users; user++) {
    const random = createRandom(seed, user);
    const userThinks = new Float64Array(maxIterations);
    for (let k = 0; k < maxIterations; k++) {
      const token = String(Math.floor(random() * 4294967296));
      userThinks[k] = 1000 + random() * 2000;
      // A token two draws share cannot be attributed: mark it.
      byToken.set(token, byToken.has(token) ? null : user * maxIterations + k);
    }
    thinks.push(userThinks);
  }
  const arrivalOf = new Map();
  let unmatched = 0;
  for (let i = 0; i < tokens.length; i++) {
    const key = byToken.get(tokens[i]);
    if (key === undefined || key === null) unmatched++;
    else arrivalOf.set(key, i);
  }
  const values = [];
  for (const [key, index] of arrivalOf) {
    if (key % maxIterations === 0) continue;
    const previous = arrivalOf.get(key - 1);
    if (previous === undefined || !finishes[previous]) continue;
    const think = thinks[Math.floor(key / maxIterations)][(key % maxIterations) - 1];
    values.push(arrivals[index] - finishes[previous] - think);
  }
  values.sort((a, b) => a - b);
  return { values, unmatched };
}

/**
 * Memory after 10 million requests vs after the first 10 s (50 users, nginx): RSS of the engine's
 * process tree sampled each second. Takes minutes: only with --long.
 */
export async function memoryCheck({ generatorCore, url, seconds }) {
  const rss = rssSampler();
  const run = await runLoadlens({
    core: generatorCore,
    scenario: '### root\nGET /\n',
    args: ['-H', url, '-u', '50', '-t', `${seconds}s`, '--workers', '1'],
    timeoutMs: seconds * 1000 + 60_000,
    onStart: rss.onStart,
  });
  const at10 = rss.samples.find((sample) => sample.atMs >= 10_000)?.rss ?? 0;
  // The last sample well inside the run: the final result's assembly at the end (merging every
  // histogram) is a one-off peak that says nothing about growth under load.
  const running = rss.samples.filter((sample) => sample.atMs <= (seconds - 5) * 1000);
  const last = running.at(-1)?.rss ?? 0;
  return [
    {
      name: 'memory after many requests',
      expected: '>= 10M requests, RSS within 10% of RSS at 10 s',
      measured: `${run.requests.toLocaleString('en-US')} requests; ${(at10 / MIB).toFixed(0)} MiB at 10 s, ${(last / MIB).toFixed(0)} MiB at ${seconds - 5} s`,
      pass: run.requests >= 10_000_000 && at10 > 0 && last <= at10 * 1.1,
    },
  ];
}
