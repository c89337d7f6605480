import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ResolvedLoadModel } from '../../../src/core/metrics/result';
import { arrivalPlan, arrivalRateAt, plannedDurationMs, usersAt } from '../../../src/core/schedule';

test('closed model without spawn rate: every user at once, for the run time', () => {
  const model: ResolvedLoadModel = { kind: 'users', users: 50, runTimeMs: 120_000 };
  assert.equal(usersAt(model, 0), 50);
  assert.equal(usersAt(model, 60_000), 50);
  assert.equal(usersAt(model, -1), 0);
  assert.equal(plannedDurationMs(model), 120_000);
  assert.equal(arrivalRateAt(model, 1000), 0);
});

test('spawn rate: user k starts at k / rate seconds, capped at the target', () => {
  const model: ResolvedLoadModel = { kind: 'users', users: 10, spawnRate: 2 };
  assert.equal(usersAt(model, 0), 1);
  assert.equal(usersAt(model, 499), 1);
  assert.equal(usersAt(model, 500), 2);
  assert.equal(usersAt(model, 2000), 5);
  assert.equal(usersAt(model, 4500), 10);
  assert.equal(usersAt(model, 60_000), 10);
  assert.equal(plannedDurationMs(model), undefined);
});

test('user stages ramp linearly from the previous target, 0 at the start', () => {
  const model: ResolvedLoadModel = {
    kind: 'stages',
    target: 'users',
    maxUsers: 1000,
    stages: [
      { durationMs: 10_000, target: 100 },
      { durationMs: 5_000, target: 100 },
      { durationMs: 10_000, target: 0 },
    ],
  };
  assert.equal(usersAt(model, 0), 0);
  assert.equal(usersAt(model, 5_000), 50);
  assert.equal(usersAt(model, 10_000), 100);
  assert.equal(usersAt(model, 12_000), 100);
  assert.equal(usersAt(model, 20_000), 50);
  assert.equal(usersAt(model, 25_000), 0);
  assert.equal(plannedDurationMs(model), 25_000);
  assert.equal(arrivalRateAt(model, 5_000), 0);
});

test('rate stages give the arrival rate at t; the open model a constant one', () => {
  const stages: ResolvedLoadModel = { kind: 'stages', target: 'rate', maxUsers: 10, stages: [{ durationMs: 10_000, target: 20 }, { durationMs: 10_000, target: 0 }] };
  assert.equal(arrivalRateAt(stages, 5_000), 10);
  assert.equal(arrivalRateAt(stages, 15_000), 10);
  assert.equal(usersAt(stages, 5_000), 0);
  assert.equal(arrivalRateAt({ kind: 'rate', rate: 100, maxUsers: 5 }, 99_000), 100);
});

function arrivalsBefore(model: ResolvedLoadModel, elapsedMs: number): number[] {
  const plan = arrivalPlan(model);
  const times: number[] = [];
  for (let k = 0; ; k++) {
    const at = plan.timeOf(k);
    if (at === undefined || at >= elapsedMs) return times;
    times.push(at);
  }
}

test('open model: arrival k is due at k / rate, none after the run time', () => {
  const times = arrivalsBefore({ kind: 'rate', rate: 4, runTimeMs: 2_000, maxUsers: 10 }, Infinity);
  assert.deepEqual(times, [0, 250, 500, 750, 1000, 1250, 1500, 1750]);
});

test('rate ramp: arrivals follow the integral of the rate (0 -> 10/s over 10 s = 50 arrivals)', () => {
  const model: ResolvedLoadModel = { kind: 'stages', target: 'rate', maxUsers: 10, stages: [{ durationMs: 10_000, target: 10 }] };
  const times = arrivalsBefore(model, Infinity);
  assert.equal(times.length, 50);
  // The integral reaches 25 at t = 10/sqrt(2) s = 7071.07 ms: arrivals 0..24 come before it.
  assert.equal(times.filter((t) => t < 7071).length, 25);
  assert.equal(times.filter((t) => t < 7072).length, 26);
  for (let i = 1; i < times.length; i++) assert.ok((times[i] as number) > (times[i - 1] as number));
});

test('rate stages with a hold: arrivals add up stage by stage', () => {
  const model: ResolvedLoadModel = { kind: 'stages', target: 'rate', maxUsers: 10, stages: [{ durationMs: 2_000, target: 10 }, { durationMs: 3_000, target: 10 }, { durationMs: 2_000, target: 0 }] };
  // 10 + 30 + 10 arrivals
  assert.equal(arrivalsBefore(model, Infinity).length, 50);
  assert.equal(arrivalsBefore(model, 2_000).length, 10);
  assert.equal(arrivalsBefore(model, 5_000).length, 40);
});
