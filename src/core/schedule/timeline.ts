// Load models as pure functions of the time since the start of the run (ms).
// Stages move linearly from the previous target (0 at the start) to their own.

import type { ResolvedLoadModel } from '../metrics/result';

/** Planned length of the run in ms; undefined when it lasts until stopped. */
export function plannedDurationMs(model: ResolvedLoadModel): number | undefined {
  if (model.kind === 'stages') return model.stages.reduce((sum, stage) => sum + stage.durationMs, 0);
  return model.runTimeMs;
}

/** The stage target at `elapsedMs`, interpolated; the last target after the end. */
function stageValueAt(model: Extract<ResolvedLoadModel, { kind: 'stages' }>, elapsedMs: number): number {
  let start = 0;
  let previous = 0;
  for (const stage of model.stages) {
    if (elapsedMs < start + stage.durationMs) {
      return previous + ((stage.target - previous) * (elapsedMs - start)) / stage.durationMs;
    }
    start += stage.durationMs;
    previous = stage.target;
  }
  return previous;
}

/**
 * Virtual users that should be running at `elapsedMs` (closed model and user stages; 0 for the
 * open model). With a spawn rate R, user k starts at k / R seconds (the first at once).
 */
export function usersAt(model: ResolvedLoadModel, elapsedMs: number): number {
  if (elapsedMs < 0) return 0;
  switch (model.kind) {
    case 'users':
      if (!model.spawnRate || model.spawnRate <= 0) return model.users;
      return Math.min(model.users, Math.floor((elapsedMs * model.spawnRate) / 1000) + 1);
    case 'stages':
      return model.target === 'users' ? Math.round(stageValueAt(model, elapsedMs)) : 0;
    case 'rate':
      return 0;
  }
}

/** Arrivals per second planned at `elapsedMs` (open model and rate stages; 0 for closed models). */
export function arrivalRateAt(model: ResolvedLoadModel, elapsedMs: number): number {
  if (elapsedMs < 0) return 0;
  switch (model.kind) {
    case 'rate':
      return model.rate;
    case 'stages':
      return model.target === 'rate' ? stageValueAt(model, elapsedMs) : 0;
    case 'users':
      return 0;
  }
}

/** One piece of the rate curve: from `startMs` for `durationMs`, rate going linearly r0 -> r1. */
interface RateSegment {
  startMs: number;
  durationMs: number;
  r0: number;
  r1: number;
  /** Arrivals before this segment. */
  before: number;
}

function rateSegments(model: ResolvedLoadModel): RateSegment[] {
  if (model.kind === 'rate') return [{ startMs: 0, durationMs: Infinity, r0: model.rate, r1: model.rate, before: 0 }];
  if (model.kind !== 'stages' || model.target !== 'rate') return [];
  const segments: RateSegment[] = [];
  let startMs = 0;
  let previous = 0;
  let before = 0;
  for (const stage of model.stages) {
    // A 0s stage jumps to its target: no arrivals of its own (and no slope to divide by).
    if (stage.durationMs > 0) segments.push({ startMs, durationMs: stage.durationMs, r0: previous, r1: stage.target, before });
    before += ((previous + stage.target) / 2) * (stage.durationMs / 1000);
    startMs += stage.durationMs;
    previous = stage.target;
  }
  return segments;
}

/** Arrivals in a segment after `ms` into it: the integral of the linear rate. */
function arrivalsInto(segment: RateSegment, ms: number): number {
  const s = ms / 1000;
  if (!Number.isFinite(segment.durationMs) || segment.r0 === segment.r1) return segment.r0 * s;
  const slope = (segment.r1 - segment.r0) / (segment.durationMs / 1000);
  return segment.r0 * s + (slope * s * s) / 2;
}

/**
 * The open model's arrivals as a sequence: arrival k (0-based) is due when the integral of the
 * rate reaches k. `timeOf(k)` is its intended start in ms (undefined when the plan ends first);
 * workers take every N-th arrival of this one sequence, so the split is exact.
 */
export interface ArrivalPlan {
  timeOf(k: number): number | undefined;
}

export function arrivalPlan(model: ResolvedLoadModel): ArrivalPlan {
  const segments = rateSegments(model);
  const endMs = plannedDurationMs(model) ?? Infinity;
  const timeOf = (k: number): number | undefined => {
    for (const segment of segments) {
      const inSegment = k - segment.before;
      const total = Number.isFinite(segment.durationMs) ? arrivalsInto(segment, segment.durationMs) : Infinity;
      if (inSegment >= total) continue;
      let seconds: number;
      if (!Number.isFinite(segment.durationMs) || segment.r0 === segment.r1) {
        if (segment.r0 <= 0) continue;
        seconds = inSegment / segment.r0;
      } else {
        const halfSlope = (segment.r1 - segment.r0) / (segment.durationMs / 1000) / 2;
        // Solve halfSlope·s² + r0·s − inSegment = 0 for the positive root.
        seconds = (-segment.r0 + Math.sqrt(segment.r0 * segment.r0 + 4 * halfSlope * inSegment)) / (2 * halfSlope);
      }
      const at = segment.startMs + seconds * 1000;
      return at < endMs ? at : undefined;
    }
    return undefined;
  };
  return { timeOf };
}
