// Shards' intervals built from known requests for the tests of joined runs (`loadlens coordinate`
// live, `loadlens merge`): the times are built, not measured, so a test decides exactly which
// joined second each interval belongs to and when it arrives.

import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { JoinedRun, type JoinedRunEvents } from '../../../src/cli/coordinator/joined-run';
import { MetricsRecorder, type IntervalSnapshot, type RunResult, type ShardInterval } from '../../../src/core/metrics';
import { joinIntervals } from '../../../src/core/scale/merge-results';
import { planRun } from '../../../src/core/plan';
import { commandLineFileAccess } from '../../../src/engine/file-access';
import { runEnvironment } from '../../../src/engine/run-environment';

export const START = 1_800_000_000_000;
export const ENDPOINTS = [{ method: 'GET', name: 'hit' }];
export const SCENARIO_PATH = join(tmpdir(), 'joined-run.load.http');

/** One interval of a one-user shard, ending `endsAfterMs` after the joined start, with `requests` of 10 ms. */
export function oneUserInterval(endsAfterMs: number, requests: number, intervalMs = 1000): ShardInterval {
  const recorder = new MetricsRecorder(ENDPOINTS.length);
  for (let i = 0; i < requests; i++) recorder.record(0, 10_000, 100, undefined);
  // Through JSON, as the shard protocol carries it.
  return { time: START + endsAfterMs, elapsedMs: endsAfterMs, intervalMs, partials: [JSON.parse(JSON.stringify(recorder.takePartial({ users: 1, inFlight: 1, dropped: 0 })))] };
}

/** A coordinated run of `count` one-user shards that joined and started at START; every second it shows goes to `live`. */
export function startedRun(count: number, live: IntervalSnapshot[], events: Partial<JoinedRunEvents> = {}): JoinedRun {
  const plan = planRun(`# @host http://api.invalid\n# @users ${count}\n# @run-time 3s\n\n### hit\nGET /\n`, { seed: 7 }, runEnvironment(SCENARIO_PATH, commandLineFileAccess(SCENARIO_PATH, [])));
  const run = new JoinedRun(count, plan, {}, ENDPOINTS, { onSecond: (snapshot) => live.push(snapshot), onAbort: () => undefined, onLost: () => undefined, onAllDone: () => undefined, ...events }, false);
  for (let shard = 1; shard <= count; shard++) {
    if (!('shard' in run.join({ name: `pod-${shard - 1}`, shard }, START - 1000, () => false))) throw new Error(`shard ${shard} could not join`);
  }
  run.startAt = START;
  return run;
}

export function usersOf(intervals: readonly IntervalSnapshot[]): number[] {
  return intervals.map((snapshot) => snapshot.users);
}

export function requestsOf(intervals: readonly IntervalSnapshot[]): number {
  return intervals.reduce((sum, snapshot) => sum + snapshot.aggregate.requests, 0);
}

/** What shard `index` of `count` sends when it finishes: an ordinary result with every interval in its shard record. */
export function finishedShard(index: number, count: number, intervals: readonly ShardInterval[]): RunResult {
  const endTime = Math.max(START, ...intervals.map((interval) => interval.time));
  const result = joinIntervals(ENDPOINTS, [intervals], START).result(
    { engineVersion: 't', scenario: { path: SCENARIO_PATH, hash: 'h' }, host: undefined, load: { kind: 'users', users: 1, spawnRate: 1, runTimeMs: 3000 }, workers: 1, seed: 1, startTime: START, endTime, outcome: 'completed', fullHistory: false, joined: { shards: count, missing: [] } },
    () => [],
  );
  delete result.joined;
  result.shard = { index, count, intervals: [...intervals] };
  return result;
}
