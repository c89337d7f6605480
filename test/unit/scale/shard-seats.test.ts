// Who becomes which shard of a coordinated run (src/cli/coordinator/joined-run.ts): a shard that
// names its number (an Indexed Job pod's JOB_COMPLETION_INDEX + 1, or `--shard I/N`) gets that
// number, whatever order shards join in; a duplicate or out-of-range number is refused with what
// to do; a seat whose shard hung up before the start is taken by the one that replaces it; once
// the run is under way nobody joins.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { JoinedRun, type JoinOutcome } from '../../../src/cli/coordinator/joined-run';
import { planRun } from '../../../src/core/plan';
import { commandLineFileAccess } from '../../../src/engine/file-access';
import { runEnvironment } from '../../../src/engine/run-environment';

const SCENARIO = '# @host http://api.invalid\n# @rate 10/s\n# @run-time 5s\n\n### hit\nGET /\n';
const path = join(tmpdir(), 'seats.load.http');

function newRun(count: number): JoinedRun {
  const plan = planRun(SCENARIO, {}, runEnvironment(path, commandLineFileAccess(path, [])));
  const quiet = { onSecond: () => undefined, onAbort: () => undefined, onLost: () => undefined, onAllDone: () => undefined };
  return new JoinedRun(count, plan, {}, [{ method: 'GET', name: 'hit' }], quiet, false);
}

const here = () => false;
const seat = (outcome: JoinOutcome) => ('shard' in outcome ? outcome.shard.index : undefined);
const refusal = (outcome: JoinOutcome) => ('refused' in outcome ? outcome.refused : undefined);

test('pods take the number of their index, in whatever order they join', () => {
  const run = newRun(3);
  assert.equal(seat(run.join({ name: 'pod-2', shard: 3 }, 0, here)), 3);
  assert.equal(run.complete, false);
  assert.equal(seat(run.join({ name: 'pod-0', shard: 1 }, 0, here)), 1);
  assert.equal(seat(run.join({ name: 'pod-1', shard: 2 }, 0, here)), 2);
  assert.equal(run.complete, true);
  assert.deepEqual(run.shards.map((shard) => [shard.index, shard.name]), [[1, 'pod-0'], [2, 'pod-1'], [3, 'pod-2']]);
});

test('a shard that names no number gets the lowest free one', () => {
  const run = newRun(3);
  assert.equal(seat(run.join({ name: 'b', shard: 2 }, 0, here)), 2);
  assert.equal(seat(run.join({ name: 'a' }, 0, here)), 1);
  assert.equal(seat(run.join({ name: 'c' }, 0, here)), 3);
  assert.match(refusal(run.join({ name: 'd' }, 0, here))?.error ?? '', /already has its 3 shards/);
});

test('a duplicate number is refused, naming the shard that has it and what to do', () => {
  const run = newRun(2);
  run.join({ name: 'pod-a', shard: 1 }, 0, here);
  const refused = refusal(run.join({ name: 'pod-b', shard: 1 }, 0, here));
  assert.equal(refused?.status, 409);
  assert.match(refused?.error ?? '', /shard 1\/2 has already joined \(pod-a\): every shard needs its own number; give each a different JOB_COMPLETION_INDEX or --shard I\/2/);
  assert.equal(run.holder(1)?.name, 'pod-a');
});

test('a number out of range, or a shard started for another count, is refused', () => {
  const run = newRun(2);
  assert.deepEqual(refusal(run.join({ name: 'p', shard: 3 }, 0, here)), { status: 400, error: 'there is no shard 3: this run has 2 shards, numbered 1 to 2' });
  assert.equal(refusal(run.join({ name: 'p', shard: 0 }, 0, here))?.status, 400);
  assert.match(refusal(run.join({ name: 'p', shard: 1, shards: 3 }, 0, here))?.error ?? '', /started as 1\/3, but the run has 2 shards: give it --shard I\/2/);
  assert.equal(run.shards.length, 0);
});

test('a shard that hung up before the start leaves its seat to the pod that replaces it', () => {
  const run = newRun(2);
  let gone = false;
  run.join({ name: 'pod-0-first', shard: 1 }, 0, () => gone);
  run.join({ name: 'pod-1', shard: 2 }, 0, here);
  assert.equal(run.complete, true);
  gone = true;
  assert.equal(run.complete, false, 'a run does not start with a shard that is gone');
  assert.deepEqual(run.shards.map((shard) => shard.index), [2]);
  const again = run.join({ name: 'pod-0-second', shard: 1 }, 0, here);
  assert.equal(seat(again), 1);
  assert.equal('shard' in again ? again.replaced?.name : undefined, 'pod-0-first');
  assert.equal(run.complete, true);
  // Without a number, too: the lowest seat that is free again.
  const auto = newRun(2);
  let left = false;
  auto.join({ name: 'x' }, 0, () => left);
  left = true;
  assert.equal(seat(auto.join({ name: 'y' }, 0, here)), 1);
});

test('once the run is under way nobody joins: a restarted pod is told its seconds are reported missing', () => {
  const run = newRun(2);
  run.join({ name: 'pod-0', shard: 1 }, 0, here);
  run.join({ name: 'pod-1', shard: 2 }, 0, here);
  run.startAt = Date.parse('2026-11-30T04:00:00Z');
  const refused = refusal(run.join({ name: 'pod-0-restarted', shard: 1 }, run.startAt + 20_000, here));
  assert.equal(refused?.status, 410);
  assert.equal(refused?.error, 'this run started at 2026-11-30T04:00:00.000Z: shard 1/2 is pod-0, a shard cannot join a run under way; a lost shard is reported with the seconds it is missing');
  assert.equal(run.holder(1)?.name, 'pod-0');
});

test('a shard that never joined is missing from the first second, whichever number it has', () => {
  const run = newRun(3);
  run.join({ name: 'pod-0', shard: 1 }, 0, here);
  run.join({ name: 'pod-2', shard: 3 }, 0, here);
  run.startAt = 1_000_000;
  const result = run.result({ scenarioPath: path, scenarioHash: 'h', host: undefined, engineVersion: 't' }, run.startAt + 5000);
  assert.deepEqual(result.joined?.missing.map((gap) => [gap.shard, gap.fromSecond, gap.reason]), [[2, 1, 'never joined']]);
});
