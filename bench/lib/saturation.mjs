// The saturation check: does the engine say when it is itself the bottleneck? Two cases on one
// worker pinned to the generator core, against nginx on the other core, in rounds:
// - full speed (50 users, no think time): the benchmark's throughput case, where the engine is the
//   bottleneck (wrk gets about twice its requests/s from the same nginx): the
//   `load generator saturated` insight must appear, with its saturated seconds and bound;
// - light (5 users thinking 100 ms): it must not.
// docs/reading-numbers.md explains the thresholds; docs/performance-saturation.md has the numbers.

import { median } from './rounds.mjs';
import { runLoadlens } from './tools.mjs';

const CASES = [
  { name: 'full speed, 50 users', expectSaturated: true, scenario: '### root\nGET /\n', users: 50 },
  { name: 'light, 5 users thinking 100 ms', expectSaturated: false, scenario: '# @think 100ms\n\n### root\nGET /\n', users: 5 },
];

function saturationOf(result) {
  const intervals = result.intervals ?? [];
  const saturated = intervals.filter((interval) => interval.generator?.saturated).length;
  const insight = (result.insights ?? []).find((one) => one.kind === 'generator-saturated');
  const bound = Number(/up to (\d+) ms/.exec(insight?.message ?? '')?.[1] ?? 0);
  const cpu = Math.max(0, ...intervals.map((interval) => interval.generator?.cpuCores ?? 0));
  const busy = median(intervals.map((interval) => interval.generator?.loopBusy ?? 0));
  const medianDelay = median(intervals.map((interval) => interval.generator?.loopDelayMedianMs ?? 0));
  return { intervals: intervals.length, saturated, insight: insight !== undefined, bound, cpu, busy, medianDelay };
}

export async function saturationChecks({ core, url, seconds, rounds, log }) {
  const runs = new Map(CASES.map((one) => [one.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const one of CASES) {
      const { result } = await runLoadlens({
        core,
        scenario: one.scenario,
        args: ['-H', url, '-u', String(one.users), '-t', `${seconds}s`, '--workers', '1'],
        timeoutMs: seconds * 1000 + 30_000,
      });
      const seen = saturationOf(result);
      log(`  ${one.name}: ${seen.saturated} of ${seen.intervals} s saturated, insight ${seen.insight ? `bound ${seen.bound} ms` : 'none'}, loop busy ${(seen.busy * 100).toFixed(0)}% (median), CPU up to ${(seen.cpu * 100).toFixed(0)}%, loop lateness median ${seen.medianDelay.toFixed(2)} ms`);
      runs.get(one.name).push(seen);
    }
  }
  return CASES.map((one) => {
    const seen = runs.get(one.name);
    const range = (values, digits = 0) =>
      values.length === 1 ? values[0].toFixed(digits) : `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}-${Math.max(...values).toFixed(digits)})`;
    const withInsight = seen.filter((run) => run.insight).length;
    return {
      name: `saturation: ${one.name}`,
      expected: one.expectSaturated ? 'insight in every run' : 'no insight',
      measured:
        `insight in ${withInsight} of ${seen.length}; saturated ${range(seen.map((run) => run.saturated))} of ${seconds} s; ` +
        `loop busy ${range(seen.map((run) => run.busy * 100))}%; CPU ${range(seen.map((run) => run.cpu * 100))}%; lateness median ${range(seen.map((run) => run.medianDelay), 2)} ms` +
        (withInsight > 0 ? `; bound ${range(seen.filter((run) => run.insight).map((run) => run.bound))} ms` : ''),
      pass: one.expectSaturated ? withInsight === seen.length : withInsight === 0,
    };
  });
}
