// The schedule: load models as pure functions of time (shared by the engine, the CLI and the editor).
export { resolveLoadModel, loadOptionsOverLimit, fitStagesToRunTime, DEFAULT_MAX_USERS, type LoadOptions } from './resolve';
export { usersAt, arrivalRateAt, plannedDurationMs, arrivalPlan, type ArrivalPlan } from './timeline';
export { shareOf, globalIndex, resolveWorkerCount } from './split';
export { createRandom, randomInt, pickWeighted, type Random } from './random';
