// How numbers, times, verdicts and stats rows read: the one place every view formats them.
export * from './numbers';
export * from './time';
export * from './verdicts';
export * from './stats-row';
export { describePlan } from './plan';
export { describeCheckOutcome } from './checks';
export { describeMissingShard } from './shards';
