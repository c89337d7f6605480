// Memory per request name: a scenario with N request names (`GET /n/1` .. `GET /n/N`, each its own
// `###` name) run by 50 users against nginx on one worker. It reports the engine tree's peak RSS,
// the RSS each name adds over a one-name run of the same load, and whether the run ended on time:
// the run's own clock (start to result) within a second of the planned time, and the whole
// command (start-up, reading and checking the scenario, reports) within 30 s more.
// docs/performance-memory.md gives the goals and the numbers.

import { performance } from 'node:perf_hooks';
import { treeRssBytes } from './cpu.mjs';
import { median } from './rounds.mjs';
import { runLoadlens } from './tools.mjs';

const MIB = 1024 * 1024;
/** What the run's own clock may take past its planned time: the last interval and the stop. */
export const RUN_SLACK_MS = 1_000;
/** What the whole command may take past its planned time: start-up, the scenario's checks, reports. */
export const COMMAND_SLACK_MS = 30_000;

/** A scenario of `count` request names, one request each. */
export function namesScenario(count) {
  const blocks = [];
  for (let index = 1; index <= count; index++) blocks.push(`### name-${index}\nGET /n/${index}\n`);
  return blocks.join('\n');
}

/**
 * A scenario of `count` request names, each its own task: an iteration runs one name picked at
 * random, so a run of a few iterations leaves almost every name idle (in namesScenario an
 * iteration runs every name in turn).
 */
export function idleNamesScenario(count) {
  const blocks = [];
  for (let index = 1; index <= count; index++) blocks.push(`### name-${index}\n# @task\nGET /n/${index}\n`);
  return blocks.join('\n');
}

/** One run: peak RSS of the CLI + engine tree (sampled every 250 ms) and the wall time. */
export async function namesRun({ core, url, names, seconds, users = 50 }) {
  let peak = 0;
  let timer;
  const startedAt = performance.now();
  const result = await runLoadlens({
    core,
    scenario: namesScenario(names),
    args: ['-H', url, '-u', String(users), '-t', `${seconds}s`, '--workers', '1'],
    timeoutMs: seconds * 1000 + 600_000,
    onStart: (child) => {
      timer = setInterval(() => {
        peak = Math.max(peak, treeRssBytes(child.pid));
      }, 250);
    },
  }).finally(() => clearInterval(timer));
  const wallMs = performance.now() - startedAt;
  const runMs = result.result.endTime - result.result.startTime;
  const onTime = runMs <= seconds * 1000 + RUN_SLACK_MS && wallMs <= seconds * 1000 + COMMAND_SLACK_MS;
  return { names, seconds, peakRss: peak, wallMs, runMs, requests: result.requests, onTime };
}

/**
 * The names check: one name, then each of `counts`, `rounds` times each (alternating, so drift
 * spreads over all counts). Per name = (peak RSS with N names - peak RSS with one name) / (N - 1).
 */
export async function namesChecks({ core, url, counts, seconds, rounds, log }) {
  const runs = new Map([[1, []], ...counts.map((count) => [count, []])]);
  for (let round = 0; round < rounds; round++) {
    for (const names of runs.keys()) {
      const run = await namesRun({ core, url, names, seconds });
      log(`  names ${names}: peak ${(run.peakRss / MIB).toFixed(0)} MiB, run ${(run.runMs / 1000).toFixed(1)} s, command ${(run.wallMs / 1000).toFixed(1)} s for a ${seconds} s run, ${run.requests.toLocaleString('en-US')} requests`);
      runs.get(names).push(run);
    }
  }
  const base = median(runs.get(1).map((run) => run.peakRss));
  return counts.map((names) => {
    const kept = runs.get(names);
    const perName = kept.map((run) => (run.peakRss - base) / (names - 1));
    const walls = kept.map((run) => run.wallMs / 1000);
    const runSeconds = kept.map((run) => run.runMs / 1000);
    const peaks = kept.map((run) => run.peakRss / MIB);
    const late = kept.filter((run) => !run.onTime).length;
    return {
      name: `${names.toLocaleString('en-US')} names, ${seconds} s: memory`,
      // Every name here is busy (50 users cycle through them all): this is the active names' cost.
      expected: '< 1024 MiB peak',
      measured: `peak ${spread(peaks, 0)} MiB (one name: ${(base / MIB).toFixed(0)} MiB): ${spread(perName.map((bytes) => bytes / 1024), 1)} KiB per busy name`,
      pass: Math.max(...peaks) < 1024,
      extra: {
        name: `${names.toLocaleString('en-US')} names, ${seconds} s: on time`,
        expected: `run <= ${seconds + RUN_SLACK_MS / 1000} s, command <= ${seconds + COMMAND_SLACK_MS / 1000} s`,
        measured: `run ${spread(runSeconds, 1)} s, command ${spread(walls, 1)} s${late > 0 ? `, ${late} of ${kept.length} late` : ''}`,
        pass: late === 0,
      },
    };
  }).flatMap(({ extra, ...memory }) => [memory, extra]);
}

/** "median (min-max)" of a few runs. */
function spread(values, digits) {
  const format = (value) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  if (values.length === 1) return format(values[0]);
  return `${format(median(values))} (${format(Math.min(...values))}-${format(Math.max(...values))})`;
}
