// Rounds: every tool runs once per round, in an order that rotates from round to round (so no
// tool always runs first or right after another), each run in a CPU window. A run is discarded
// when other processes used more than `maxOtherCores` during it, or when it failed; the summary
// uses kept runs only: medians per tool, and each ratio as the median of per-round ratios
// between two kept runs of the same round (the same window of time), which cancels drift.

import { openCpuWindow, waitForQuiet } from './cpu.mjs';

export function median(values) {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The order of `tools` in round `round`: rotated by one each round. */
export function roundOrder(tools, round) {
  const shift = round % tools.length;
  return [...tools.slice(shift), ...tools.slice(0, shift)];
}

/** Why a run is not kept, or undefined when it is. */
export function discardReason(run, maxOtherCores) {
  if (run.error) return `failed: ${run.error}`;
  if (run.requests === 0) return 'no requests';
  if (run.errors > 0) return `${run.errors} request errors`;
  if (run.cpu.otherCores > maxOtherCores) {
    return `other processes used ${run.cpu.otherCores.toFixed(2)} cores (limit ${maxOtherCores})`;
  }
  return undefined;
}

/**
 * Runs `rounds` rounds of `tools` ({ name, run(settings) -> {rps,p50Ms,p99Ms,requests,errors} }).
 * Before each run it waits up to `quietWaitMs` for a quiet second. Returns every run.
 */
export async function runRounds({ tools, rounds, settings, targetPids, maxOtherCores, quietWaitMs, log }) {
  const runs = [];
  for (let round = 0; round < rounds; round++) {
    for (const tool of roundOrder(tools, round)) {
      await waitForQuiet(targetPids, maxOtherCores, quietWaitMs);
      const window = openCpuWindow(targetPids);
      let outcome;
      try {
        outcome = await tool.run(settings);
      } catch (error) {
        outcome = { error: error instanceof Error ? error.message.split('\n')[0] : String(error), requests: 0, errors: 0 };
      }
      const cpu = window.close();
      const run = { round, tool: tool.name, ...outcome, cpu, toolCores: cpu.tool / cpu.wallS };
      run.discarded = discardReason(run, maxOtherCores);
      runs.push(run);
      log(describeRun(run));
    }
  }
  return runs;
}

function describeRun(run) {
  const head = `  round ${run.round + 1} ${run.tool.padEnd(20)}`;
  const numbers = run.error
    ? ''
    : `${Math.round(run.rps).toString().padStart(7)} req/s  p50 ${fmt(run.p50Ms)}  p99 ${fmt(run.p99Ms)} ms  cpu ${run.toolCores.toFixed(2)}`;
  const noise = `other ${run.cpu.otherCores.toFixed(2)} cores`;
  return `${head} ${numbers}  ${noise}${run.discarded ? `  DISCARDED (${run.discarded})` : ''}`;
}

function fmt(value) {
  return value === undefined ? '-' : value < 10 ? value.toFixed(2) : value.toFixed(1);
}

/** Per-tool medians over kept runs, and ratios to each reference (median of same-round ratios). */
export function summarize(runs, toolNames, references) {
  const kept = runs.filter((run) => !run.discarded);
  return toolNames.map((name) => {
    const mine = kept.filter((run) => run.tool === name);
    const row = {
      tool: name,
      kept: mine.length,
      total: runs.filter((run) => run.tool === name).length,
      rps: median(mine.map((run) => run.rps)),
      p50Ms: median(mine.map((run) => run.p50Ms)),
      p99Ms: median(mine.map((run) => run.p99Ms)),
      cores: median(mine.map((run) => run.toolCores)),
      rpsPerCore: median(mine.map((run) => run.rps / Math.max(run.toolCores, 0.01))),
      ratios: {},
    };
    for (const reference of references) {
      const pairs = [];
      for (const run of mine) {
        const other = kept.find((candidate) => candidate.tool === reference && candidate.round === run.round);
        if (other) pairs.push(run.rps / other.rps);
      }
      // The spread: the lowest and highest same-round ratio, so a claim "in every window" can be read off.
      row.ratios[reference] = { ratio: median(pairs), pairs: pairs.length, min: pairs.length ? Math.min(...pairs) : undefined, max: pairs.length ? Math.max(...pairs) : undefined, each: pairs };
    }
    return row;
  });
}

/**
 * Per-worker efficiency (bench/run.mjs `--efficiency-workers`), from runs measured by
 * bench/lib/engine-cpu.mjs (steady state: { requests, wallS, rps, engineCpuS, targetCpuS }):
 * per tool, medians over kept runs of req/s, the engine's and the target's CPU in cores, and
 * requests per engine-CPU-second and per target-CPU-second.
 */
export function efficiency(runs, toolNames) {
  const kept = runs.filter((run) => !run.discarded);
  return toolNames.map((name) => {
    const mine = kept.filter((run) => run.tool === name);
    return {
      tool: name,
      kept: mine.length,
      total: runs.filter((run) => run.tool === name).length,
      rps: median(mine.map((run) => run.rps)),
      engineCores: median(mine.map((run) => run.engineCpuS / run.wallS)),
      targetCores: median(mine.map((run) => run.targetCpuS / run.wallS)),
      perEngineCpuS: median(mine.map((run) => run.requests / Math.max(run.engineCpuS, 0.01))),
      perTargetCpuS: median(mine.map((run) => run.requests / Math.max(run.targetCpuS, 0.01))),
    };
  });
}

/** Discard counts by reason, for the report ("12 of 30 runs discarded: 10 busy machine, ..."). */
export function discardSummary(runs) {
  const reasons = new Map();
  for (const run of runs) {
    if (!run.discarded) continue;
    const kind = run.discarded.startsWith('other processes') ? 'machine busy' : run.discarded;
    reasons.set(kind, (reasons.get(kind) ?? 0) + 1);
  }
  const discarded = runs.filter((run) => run.discarded).length;
  const detail = [...reasons].map(([reason, count]) => `${count} ${reason}`).join(', ');
  return `${runs.length - discarded} of ${runs.length} runs kept${discarded ? `; discarded: ${detail}` : ''}`;
}
