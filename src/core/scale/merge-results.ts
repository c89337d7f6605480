// `loadlens merge`: the results of a run's shards (`run --shard I/N --json F`) joined into one
// result, exactly: each second's partials of every shard through the engine's aggregator
// (./shard-joiner.ts), seconds aligned on the wall clock, thresholds judged again on the whole.

import { rejudgeVerdicts } from '../analysis';
import { revivePartial, type IntervalPartial } from '../metrics/partial';
import type { EndpointKey } from '../metrics/aggregator';
import type { RunResult, ShardInterval, ShardRecord } from '../metrics/result';
import { addToSecond, secondOf, ShardJoiner, type ShardSeconds } from './shard-joiner';

export interface ShardResultInput {
  /** How the user named it (a file path), for messages. */
  label: string;
  result: RunResult;
}

export type MergeOutcome = { ok: true; result: RunResult; warnings: string[] } | { ok: false; message: string };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isNumber = (value: unknown): value is number => typeof value === 'number' && !Number.isNaN(value);

function isPartial(value: unknown, endpoints: number): value is IntervalPartial {
  if (!isObject(value) || !Array.isArray(value.endpoints) || value.endpoints.length !== endpoints || !Array.isArray(value.failures)) return false;
  if (!isCount(value.users) || !isCount(value.inFlight) || !isCount(value.dropped)) return false;
  const endpointsOk = value.endpoints.every(
    (e: unknown) =>
      isObject(e) && isCount(e.requests) && isCount(e.failures) && isCount(e.contentBytes) && isNumber(e.sumMicros) && isNumber(e.maxMicros) && (isNumber(e.minMicros) || e.minMicros === null) && typeof e.histogram === 'string' && (e.protocols === undefined || isCount(e.protocols)),
  );
  const failuresOk = value.failures.every((f: unknown) => Array.isArray(f) && f.length === 3 && isCount(f[0]) && f[0] < endpoints && typeof f[1] === 'string' && isCount(f[2]));
  // A worker's own load (src/core/metrics/generator-load.ts): absent in shards recorded before it was measured.
  const generator = value.generator;
  const generatorOk =
    generator === undefined ||
    (isObject(generator) && [generator.loopBusy, generator.cpuCores, generator.loopDelayMedianMs, generator.loopDelayMaxMs].every((n) => isNumber(n) && Number.isFinite(n) && n >= 0));
  return endpointsOk && failuresOk && generatorOk && checksOk(value.checks) && redirectsOk(value.redirects, endpoints);
}

/** `[check index, evaluated, [reason, count][]]` per check (src/core/metrics/check-counts.ts); absent when the scenario has none. */
function checksOk(checks: unknown): boolean {
  if (checks === undefined) return true;
  return Array.isArray(checks) && checks.every((c: unknown) => Array.isArray(c) && c.length === 3 && isCount(c[0]) && isCount(c[1]) && Array.isArray(c[2]) && c[2].every((r: unknown) => Array.isArray(r) && r.length === 2 && typeof r[0] === 'string' && isCount(r[1])));
}

/** `[endpoint index, requests redirected, hops followed]` per name (src/core/metrics/redirect-counts.ts); absent when none was. */
function redirectsOk(redirects: unknown, endpoints: number): boolean {
  if (redirects === undefined) return true;
  return Array.isArray(redirects) && redirects.every((r: unknown) => Array.isArray(r) && r.length === 3 && isCount(r[0]) && r[0] < endpoints && isCount(r[1]) && isCount(r[2]));
}

const OUTCOMES: ReadonlySet<unknown> = new Set(['completed', 'stopped', 'aborted']);

/** The figures of a shard's whole result that the joined result adds up, beyond its shard record. */
export function shardResultProblem(result: unknown, endpoints: number): string | undefined {
  if (!isObject(result)) return 'it is not a result';
  if (!isCount(result.workers)) return 'its `workers` is not a count';
  if (!OUTCOMES.has(result.outcome)) return 'its `outcome` is not completed, stopped or aborted';
  if (!isNumber(result.startTime) || !isNumber(result.endTime)) return 'its start or end time is not a number';
  if (!Array.isArray(result.thresholds)) return 'its `thresholds` is not a list';
  return shardProblem(result.shard, endpoints);
}

/** The shard record of an untrusted result file, checked before its numbers are added anywhere. */
function shardProblem(record: unknown, endpoints: number): string | undefined {
  if (!isObject(record)) return 'it is not a shard\'s result: run each shard with `loadlens run SCENARIO --shard I/N --json FILE`';
  const { index, count, intervals } = record;
  if (!isCount(count) || count < 1 || !isCount(index) || index < 1 || index > count) return 'its shard number is not I/N with 1 <= I <= N';
  if (!Array.isArray(intervals)) return 'its shard record has no intervals';
  for (const interval of intervals) {
    const problem = shardIntervalProblem(interval, endpoints);
    if (problem) return `${problem} in its shard record`;
  }
  return undefined;
}

/** One second of a shard's numbers from outside (a file, the shard protocol), checked before use. */
export function shardIntervalProblem(interval: unknown, endpoints: number): string | undefined {
  if (!isObject(interval) || !isNumber(interval.time) || !isNumber(interval.elapsedMs) || !isNumber(interval.intervalMs) || !Array.isArray(interval.partials)) {
    return 'an interval is not valid';
  }
  if (!interval.partials.every((partial) => isPartial(partial, endpoints))) return 'an interval has partials that do not match the requests';
  return undefined;
}

function sameRequests(a: RunResult, b: RunResult): boolean {
  return a.endpoints.length === b.endpoints.length && a.endpoints.every((e, i) => e.name === b.endpoints[i]?.name && e.method === b.endpoints[i]?.method);
}

export function mergeShardResults(inputs: readonly ShardResultInput[]): MergeOutcome {
  const first = inputs[0];
  if (!first) return { ok: false, message: 'no results to merge' };
  const shards: Array<{ label: string; result: RunResult; record: ShardRecord }> = [];
  for (const { label, result } of inputs) {
    const problem = shardResultProblem(result, result.endpoints.length);
    if (problem) return { ok: false, message: `${label}: ${problem}` };
    if (result.scenario.hash !== first.result.scenario.hash || !sameRequests(result, first.result)) {
      return { ok: false, message: `${label} is a run of a different scenario than ${first.label} (${result.scenario.path} vs ${first.result.scenario.path}): only the shards of one run merge` };
    }
    const record = result.shard as ShardRecord;
    const count = (first.result.shard as ShardRecord).count;
    if (record.count !== count) return { ok: false, message: `${label} is shard ${record.index}/${record.count}, ${first.label} one of ${count}: only the shards of one run merge` };
    const twin = shards.find((shard) => shard.record.index === record.index);
    if (twin) return { ok: false, message: `${label} and ${twin.label} are both shard ${record.index}/${count}: give each shard's result once` };
    shards.push({ label, result, record });
  }
  const count = (first.result.shard as ShardRecord).count;
  const startTime = Math.min(...shards.map((shard) => shard.result.startTime));
  const endTime = Math.max(...shards.map((shard) => shard.result.endTime));

  let joiner: ShardJoiner;
  try {
    joiner = joinIntervals(first.result.endpoints, shards.map((shard) => shard.record.intervals), startTime);
  } catch {
    return { ok: false, message: 'a latency histogram in the shards\' results cannot be read: the files are damaged; run the shards again' };
  }

  const missing: Array<{ shard: number; fromSecond: number; reason: string }> = [];
  for (let index = 1; index <= count; index++) {
    if (!shards.some((shard) => shard.record.index === index)) missing.push({ shard: index, fromSecond: 1, reason: 'no result given' });
  }
  const warnings = missing.map((gap) => `shard ${gap.shard}/${count} is missing: the merged result has only the other shards' load`);
  const aborted = shards.find((shard) => shard.result.outcome === 'aborted');
  const outcome = aborted ? 'aborted' : shards.some((shard) => shard.result.outcome === 'stopped') ? 'stopped' : 'completed';
  const seeds = new Set(shards.map((shard) => shard.result.seed));
  const result = joiner.result(
    {
      engineVersion: first.result.engineVersion,
      scenario: first.result.scenario,
      host: first.result.host,
      load: first.result.load,
      workers: shards.reduce((sum, shard) => sum + shard.result.workers, 0),
      seed: seeds.size === 1 ? first.result.seed : undefined,
      skipped: first.result.skipped,
      startTime,
      endTime,
      outcome,
      abortedBy: aborted?.result.abortedBy,
      fullHistory: shards.some((shard) => shard.result.intervals.some((interval) => interval.endpoints.length > 0)),
      joined: { shards: count, missing },
    },
    (stats) => rejudgeVerdicts(shards.flatMap((shard) => shard.result.thresholds), stats),
  );
  return { ok: true, result, warnings };
}

/**
 * Every shard's seconds through one aggregator, aligned on the wall clock: an interval belongs to
 * the second it ends in since the joined start. Throws when a histogram cannot be decoded.
 */
export function joinIntervals(endpoints: readonly EndpointKey[], perShard: ReadonlyArray<readonly ShardInterval[]>, startTime: number): ShardJoiner {
  const seconds: ShardSeconds = new Map();
  perShard.forEach((intervals, shard) => {
    for (const interval of intervals) addToSecond(seconds, secondOf(interval.time, startTime), shard, interval);
  });
  const joiner = new ShardJoiner(endpoints);
  for (const second of [...seconds.keys()].sort((a, b) => a - b)) {
    const intervals = [...(seconds.get(second)?.values() ?? [])];
    const time = Math.max(...intervals.map((interval) => interval.time));
    const intervalMs = Math.max(...intervals.map((interval) => interval.intervalMs));
    joiner.addSecond(
      intervals.flatMap((interval) => interval.partials.map(revivePartial)),
      { time, elapsedMs: time - startTime, intervalMs },
    );
  }
  return joiner;
}
