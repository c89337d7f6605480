import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describePlan } from '../../../src/core/present';
import { fitStagesToRunTime, resolveLoadModel, resolveWorkerCount, shareOf } from '../../../src/core/schedule';
import { parseScenario } from '../../../src/core/scenario';

const usersFile = parseScenario('# @host http://x\n# @users 20\n# @spawn-rate 5\n# @run-time 1m\n\n###\nGET /\n');
const rateFile = parseScenario('# @host http://x\n# @rate 30/s\n# @max-users 7\n# @run-time 30s\n\n###\nGET /\n');
const stagesFile = parseScenario('# @host http://x\n# @stage 10s 100\n# @stage 20s 100\n# @stage 10s 0\n\n###\nGET /\n');
const noModel = parseScenario('# @host http://x\n\n###\nGET /\n');

test('the file model is used when no option overrides it', () => {
  assert.deepEqual(resolveLoadModel(usersFile, {}), { kind: 'users', users: 20, spawnRate: 5, runTimeMs: 60_000 });
  assert.deepEqual(resolveLoadModel(rateFile, {}), { kind: 'rate', rate: 30, runTimeMs: 30_000, maxUsers: 7 });
  const stages = resolveLoadModel(stagesFile, {});
  assert.ok(!('error' in stages) && stages.kind === 'stages');
  assert.deepEqual(stages.stages.map((s) => s.target), [100, 100, 0]);
});

test('users replaces the model, keeping the file run time and spawn rate', () => {
  assert.deepEqual(resolveLoadModel(usersFile, { users: 3 }), { kind: 'users', users: 3, spawnRate: 5, runTimeMs: 60_000 });
  assert.deepEqual(resolveLoadModel(rateFile, { users: 3, spawnRate: 1 }), { kind: 'users', users: 3, spawnRate: 1, runTimeMs: 30_000 });
  assert.deepEqual(resolveLoadModel(stagesFile, { users: 3, runTimeMs: 5000 }), { kind: 'users', users: 3, spawnRate: undefined, runTimeMs: 5000 });
});

test('rate makes an open model; users given with it is the cap', () => {
  assert.deepEqual(resolveLoadModel(usersFile, { rate: 10 }), { kind: 'rate', rate: 10, runTimeMs: 60_000, maxUsers: 1000 });
  assert.deepEqual(resolveLoadModel(rateFile, { rate: 10, users: 4 }), { kind: 'rate', rate: 10, runTimeMs: 30_000, maxUsers: 4 });
});

test('run time alone changes only the duration; on stages it cuts or holds', () => {
  assert.deepEqual(resolveLoadModel(usersFile, { runTimeMs: 5000 }), { kind: 'users', users: 20, spawnRate: 5, runTimeMs: 5000 });
  const cut = resolveLoadModel(stagesFile, { runTimeMs: 5000 });
  assert.ok(!('error' in cut) && cut.kind === 'stages');
  assert.deepEqual(cut.stages, [{ durationMs: 5000, target: 50 }]);
  assert.deepEqual(fitStagesToRunTime([{ durationMs: 1000, target: 10 }], 3000), [{ durationMs: 1000, target: 10 }, { durationMs: 2000, target: 10 }]);
});

test('no load model anywhere is an error', () => {
  const resolved = resolveLoadModel(noModel, {});
  assert.ok('error' in resolved);
  assert.ok('error' in resolveLoadModel(noModel, { runTimeMs: 1000, spawnRate: 2 }));
  assert.deepEqual(resolveLoadModel(noModel, { users: 1 }), { kind: 'users', users: 1, spawnRate: undefined, runTimeMs: undefined });
});

test('describePlan says the plan in a few words', () => {
  assert.equal(describePlan({ kind: 'users', users: 50, spawnRate: 5, runTimeMs: 120_000 }, 1), '50 users · spawn 5/s · 2m');
  assert.equal(
    describePlan({ kind: 'stages', target: 'users', maxUsers: 1000, stages: [{ durationMs: 300_000, target: 100 }, { durationMs: 180_000, target: 100 }, { durationMs: 120_000, target: 0 }] }, 1),
    '3 stages: 0→100→100→0 users · 10m',
  );
  assert.equal(describePlan({ kind: 'rate', rate: 100, runTimeMs: 60_000, maxUsers: 1000 }, 1), '100/s · 1m');
  assert.equal(describePlan({ kind: 'stages', target: 'rate', maxUsers: 10, stages: [{ durationMs: 30_000, target: 50 }, { durationMs: 30_000, target: 0 }] }, 1), '2 stages: 0→50→0/s · 1m');
  assert.equal(describePlan({ kind: 'users', users: 1 }, 3), '1 user · until stopped · 3 tasks');
  assert.equal(describePlan({ kind: 'users', users: 2, runTimeMs: 90_000 }, 1), '2 users · 1m30s');
});

test('shares of users, arrivals and rows over workers add up to the whole', () => {
  for (const total of [0, 1, 2, 7, 100, 101]) {
    for (const workers of [1, 2, 3, 8]) {
      let sum = 0;
      for (let w = 0; w < workers; w++) sum += shareOf(total, w, workers);
      assert.equal(sum, total, `${total} over ${workers}`);
    }
  }
  assert.equal(resolveWorkerCount('auto', 4), 4);
  assert.equal(resolveWorkerCount(undefined, 4), 1);
  assert.equal(resolveWorkerCount(0, 4), 1);
});
