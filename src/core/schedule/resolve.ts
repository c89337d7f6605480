// Which load model a run uses: the file's, with the run's options laid over it as Locust's flags
// are (docs/engine.md, "Options and the file"). Pure: the scenario and the options in, a model out.

import type { ResolvedLoadModel } from '../metrics/result';
import { durationOverLimit, MAX_RATE, MAX_SPAWN_RATE, MAX_USERS, overLimit } from '../scenario/limits';
import type { LoadModel, Scenario } from '../scenario/model';

/** `@max-users` when nothing says otherwise (docs/scenario-directives.md, "Load model, defaults"). */
export const DEFAULT_MAX_USERS = 1000;

/** The load fields of the run options (RunOptions fits; core may not import the protocol module by lint rule). */
export interface LoadOptions {
  users?: number;
  spawnRate?: number;
  runTimeMs?: number;
  rate?: number;
}

type Stages = Extract<ResolvedLoadModel, { kind: 'stages' }>['stages'];

function fileRunTime(load: LoadModel | undefined): number | undefined {
  return load && load.kind !== 'stages' ? load.runTimeMs : undefined;
}

function fileMaxUsers(load: LoadModel | undefined): number {
  return load && load.kind !== 'users' ? load.maxUsers : DEFAULT_MAX_USERS;
}

/** Cuts the stages at `runTimeMs`, or holds the last target until it when the stages are shorter. */
export function fitStagesToRunTime(stages: Stages, runTimeMs: number): Stages {
  const fitted: Stages = [];
  let elapsed = 0;
  let previous = 0;
  for (const stage of stages) {
    if (elapsed >= runTimeMs) break;
    const left = runTimeMs - elapsed;
    if (stage.durationMs <= left) {
      fitted.push({ durationMs: stage.durationMs, target: stage.target });
    } else {
      const reached = previous + ((stage.target - previous) * left) / stage.durationMs;
      fitted.push({ durationMs: left, target: reached });
    }
    elapsed += stage.durationMs;
    previous = stage.target;
  }
  if (elapsed < runTimeMs) fitted.push({ durationMs: runTimeMs - elapsed, target: previous });
  return fitted;
}

/** The first option beyond Loadlens's limits, in words; undefined when all are within them. */
export function loadOptionsOverLimit(options: LoadOptions): string | undefined {
  return (
    (options.users !== undefined ? overLimit('the number of users', options.users, MAX_USERS) : undefined) ??
    (options.rate !== undefined ? overLimit('the rate', options.rate, MAX_RATE, '/s') : undefined) ??
    (options.spawnRate !== undefined ? overLimit('the spawn rate', options.spawnRate, MAX_SPAWN_RATE, '/s') : undefined) ??
    (options.runTimeMs !== undefined ? durationOverLimit('the run time', options.runTimeMs) : undefined)
  );
}

/**
 * The model to run. Options beat the file: `rate` makes an open model (with `users`, if also
 * given, as its `@max-users` cap); `users` makes a closed model; `spawnRate` and `runTimeMs` keep
 * the file's model and change only those values (a run time cuts or extends stages).
 */
export function resolveLoadModel(scenario: Scenario, options: LoadOptions): ResolvedLoadModel | { error: string } {
  const file = scenario.load;
  const runTimeMs = options.runTimeMs ?? fileRunTime(file);
  if (options.rate !== undefined) {
    if (!(options.rate > 0)) return { error: `the rate must be above 0 (got ${options.rate})` };
    return { kind: 'rate', rate: options.rate, runTimeMs, maxUsers: options.users ?? fileMaxUsers(file) };
  }
  if (options.users !== undefined) {
    if (!(options.users >= 0)) return { error: `the number of users must be 0 or more (got ${options.users})` };
    const spawnRate = options.spawnRate ?? (file?.kind === 'users' ? file.spawnRate : undefined);
    return { kind: 'users', users: Math.floor(options.users), spawnRate, runTimeMs };
  }
  if (!file) return { error: 'the scenario has no load model (`# @users N`, `# @rate R/s` or `# @stage` lines) and none was given' };
  switch (file.kind) {
    case 'users':
      return { kind: 'users', users: file.users, spawnRate: options.spawnRate ?? file.spawnRate, runTimeMs };
    case 'rate':
      return { kind: 'rate', rate: file.rate, runTimeMs, maxUsers: file.maxUsers };
    case 'stages': {
      const stages = file.stages.map((stage) => ({ durationMs: stage.durationMs, target: stage.target }));
      if (stages.length === 0) return { error: 'the scenario has no stages' };
      const fitted = options.runTimeMs !== undefined ? fitStagesToRunTime(stages, options.runTimeMs) : stages;
      return { kind: 'stages', target: file.target, stages: fitted, maxUsers: file.maxUsers };
    }
  }
}
