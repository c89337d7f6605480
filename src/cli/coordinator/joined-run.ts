// The coordinator's view of one run spread over shards: who joined, each shard's seconds as they
// arrive, the joined seconds shown live (through the engine's aggregator, src/core/scale), the
// shards lost on the way, and the joined result at the end.

import { createAbortTracker, evaluateThresholds } from '../../core/analysis';
import type { EndpointKey } from '../../core/metrics/aggregator';
import { revivePartial } from '../../core/metrics/partial';
import type { IntervalSnapshot, RunResult, ShardInterval } from '../../core/metrics/result';
import type { RunPlan } from '../../core/plan';
import type { RunOptions } from '../../core/protocol/engine';
import { joinIntervals } from '../../core/scale/merge-results';
import { formatSeconds } from '../../core/present/time';
import { addToSecond, countsOnly, secondOf, ShardJoiner, type ShardSeconds } from '../../core/scale/shard-joiner';

/** A shard silent this long after the start is lost: it is named, and the run goes on without it. */
export const SHARD_LOST_AFTER_MS = 5000;
/** A joined second is shown once every live shard sent it, or this long after it ended. */
const SECOND_GRACE_MS = 2500;

export interface ShardState {
  index: number;
  name: string;
  intervals: ShardInterval[];
  lastContact: number;
  /** The last second it sent. */
  lastSecond: number;
  finished?: RunResult;
  lost?: { fromSecond: number; reason: string };
  /** True when the shard hung up before it was given its part (it died or restarted before the start). */
  gone: () => boolean;
}

/** What a shard asks for when it joins (src/core/protocol/shard.ts, JoinRequest). */
export interface JoinWish {
  name: string;
  /** The shard number it is (an Indexed Job's index + 1, or `--shard I/N`); else the lowest free one. */
  shard?: number;
  /** N of `--shard I/N`. */
  shards?: number;
}

export type JoinOutcome = { shard: ShardState; replaced?: ShardState } | { refused: { status: number; error: string } };

export interface JoinedRunEvents {
  onSecond(snapshot: IntervalSnapshot): void;
  onAbort(rule: string, target: string): void;
  onLost(shard: ShardState): void;
  /** Every shard finished or is lost. */
  onAllDone(): void;
}

export class JoinedRun {
  /** Seat I-1 holds shard I, once it joined. */
  private readonly seats: Array<ShardState | undefined>;
  private readonly live: ShardJoiner;
  private readonly pending: ShardSeconds = new Map();
  /**
   * Intervals that came after their second was shown: counted in the next second shown, so the
   * live totals and the threshold judgement have every request (docs/scale-out.md, Late seconds).
   * Counts only: their users and in-flight requests are gauges of a second already shown.
   */
  private late: ShardInterval[] = [];
  private nextSecond = 1;
  private readonly abortTracker = createAbortTracker();
  private readonly watchAbort: boolean;
  stopRequested = false;
  abortedBy: string | undefined;
  startAt = 0;

  constructor(
    readonly count: number,
    private readonly plan: RunPlan,
    private readonly options: RunOptions,
    private readonly endpoints: readonly EndpointKey[],
    private readonly events: JoinedRunEvents,
    watchAbort: boolean,
  ) {
    this.live = new ShardJoiner(endpoints);
    this.watchAbort = watchAbort;
    this.seats = new Array<ShardState | undefined>(count).fill(undefined);
  }

  /** The shards that joined (and did not leave before the start), by number. */
  get shards(): ShardState[] {
    return this.seats.filter((shard): shard is ShardState => shard !== undefined && !shard.gone());
  }

  /** The shard holding number `index` now. */
  holder(index: number): ShardState | undefined {
    return this.seats[index - 1];
  }

  /**
   * A shard asks for its number. One it names is checked (in range, not held by a shard still
   * waiting); one it does not name is the lowest free. A seat whose shard hung up before the
   * start is free again: the pod that replaces a dead one takes its place. Once the run has
   * started nobody joins: a shard lost on the way is reported with its missing seconds instead
   * (docs/scale-out.md, When a shard or pod dies).
   */
  join(wish: JoinWish, now: number, gone: () => boolean): JoinOutcome {
    const refuse = (status: number, error: string): JoinOutcome => ({ refused: { status, error } });
    const asked = wish.shard === undefined ? '' : `shard ${wish.shard}/${this.count}`;
    if (this.startAt !== 0) {
      const running = wish.shard === undefined ? undefined : this.holder(wish.shard);
      const held = running ? `${asked} is ${running.name}, ` : '';
      return refuse(410, `this run started at ${new Date(this.startAt).toISOString()}: ${held}a shard cannot join a run under way; a lost shard is reported with the seconds it is missing`);
    }
    if (wish.shards !== undefined && wish.shards !== this.count) {
      return refuse(400, `this shard was started as ${wish.shard ?? '?'}/${wish.shards}, but the run has ${this.count} shards: give it --shard I/${this.count}`);
    }
    if (wish.shard !== undefined && !(wish.shard >= 1 && wish.shard <= this.count)) {
      return refuse(400, `there is no shard ${wish.shard}: this run has ${this.count} shard${this.count === 1 ? '' : 's'}, numbered 1 to ${this.count}`);
    }
    const index = wish.shard ?? this.seats.findIndex((seat) => seat === undefined || seat.gone()) + 1;
    if (index === 0) return refuse(409, `this run already has its ${this.count} shards`);
    const holder = this.holder(index);
    if (holder && !holder.gone()) {
      return refuse(409, `${asked} has already joined (${holder.name}): every shard needs its own number; give each a different JOB_COMPLETION_INDEX or --shard I/${this.count}`);
    }
    const shard: ShardState = { index, name: wish.name, intervals: [], lastContact: now, lastSecond: 0, gone };
    this.seats[index - 1] = shard;
    return { shard, replaced: holder };
  }

  /** Shards' intervals received and not yet in a second shown live. */
  get heldIntervals(): number {
    let held = this.late.length;
    for (const slot of this.pending.values()) held += slot.size;
    return held;
  }

  get complete(): boolean {
    return this.seats.every((seat) => seat !== undefined && !seat.gone());
  }

  /** A shard's second; false when the shard is not expected (lost already, or finished). */
  addInterval(index: number, interval: ShardInterval, now: number): boolean {
    const shard = this.holder(index);
    if (!shard || shard.lost || shard.finished) return false;
    shard.lastContact = now;
    shard.intervals.push(interval);
    const second = secondOf(interval.time, this.startAt);
    shard.lastSecond = Math.max(shard.lastSecond, second);
    if (second < this.nextSecond) this.late.push(countsOnly(interval));
    // The engine's last, short interval may end in the same second as the one before: both count.
    else addToSecond(this.pending, second, index, interval);
    this.flush(now);
    return true;
  }

  finish(index: number, result: RunResult, now: number): void {
    const shard = this.holder(index);
    if (!shard || shard.lost || shard.finished) return;
    shard.finished = result;
    shard.lastContact = now;
    // Its result holds every interval, the last one included: the joined result takes those.
    if (result.shard) shard.intervals = result.shard.intervals;
    this.flush(now);
    this.checkDone();
  }

  /** Called about twice a second: lost shards, and seconds that waited long enough. */
  tick(now: number): void {
    if (this.startAt === 0 || now < this.startAt) return;
    for (const shard of this.shards) {
      if (shard.finished || shard.lost || now - Math.max(shard.lastContact, this.startAt) < SHARD_LOST_AFTER_MS) continue;
      shard.lost = { fromSecond: shard.lastSecond + 1, reason: `no numbers for ${formatSeconds(Math.round((now - shard.lastContact) / 1000))}` };
      this.events.onLost(shard);
    }
    this.flush(now);
    this.checkDone();
  }

  private expecting(shard: ShardState, second: number): boolean {
    return !shard.lost && !(shard.finished && shard.lastSecond < second);
  }

  private flush(now: number): void {
    for (;;) {
      const slot = this.pending.get(this.nextSecond);
      const due = now > this.startAt + this.nextSecond * 1000 + SECOND_GRACE_MS;
      const allIn = slot !== undefined && this.shards.every((shard) => !this.expecting(shard, this.nextSecond) || slot.has(shard.index));
      const over = this.shards.every((shard) => shard.finished || shard.lost);
      // When every shard is done, late intervals still waiting are shown at once, in a second of their own.
      if (!allIn && !due && !(over && this.late.length > 0)) return;
      if (!slot && over && this.late.length === 0) return;
      this.pending.delete(this.nextSecond);
      const intervals = [...(slot?.values() ?? [])];
      const time = Math.max(this.startAt + this.nextSecond * 1000, ...intervals.map((interval) => interval.time));
      const partials = [...intervals, ...this.late].flatMap((interval) => interval.partials.map(revivePartial));
      this.late = [];
      const snapshot = this.live.addSecond(partials, {
        time,
        elapsedMs: time - this.startAt,
        intervalMs: Math.max(1000, ...intervals.map((interval) => interval.intervalMs)),
      });
      this.nextSecond++;
      this.events.onSecond(snapshot);
      this.judgeAbort(snapshot);
    }
  }

  private judgeAbort(snapshot: IntervalSnapshot): void {
    if (!this.watchAbort || this.stopRequested) return;
    const stats = this.live.stats(snapshot.elapsedMs, false);
    const verdicts = evaluateThresholds(this.plan.scenario, stats, this.options.defaultThresholds ?? [], this.options.baseline);
    const broken = this.abortTracker.update(verdicts, snapshot.elapsedMs);
    if (!broken) return;
    this.stopRequested = true;
    this.abortedBy = broken.rule;
    this.events.onAbort(broken.rule, broken.target);
  }

  private checkDone(): void {
    if (this.complete && this.shards.every((shard) => shard.finished || shard.lost)) this.events.onAllDone();
  }

  /** The joined result: every shard's seconds, exactly, judged on the scenario's thresholds. */
  result(meta: { scenarioPath: string; scenarioHash: string; host: string | undefined; engineVersion: string }, endTime: number): RunResult {
    const joiner = joinIntervals(this.endpoints, this.shards.map((shard) => shard.intervals), this.startAt);
    const finished = this.shards.map((shard) => shard.finished).filter((result): result is RunResult => result !== undefined);
    const missing = this.shards.filter((shard) => shard.lost).map((shard) => ({ shard: shard.index, fromSecond: shard.lost?.fromSecond ?? 1, reason: `${shard.name}: ${shard.lost?.reason ?? 'lost'}` }));
    for (let index = 1; index <= this.count; index++) {
      if (!this.shards.some((shard) => shard.index === index)) missing.push({ shard: index, fromSecond: 1, reason: 'never joined' });
    }
    const outcome = this.abortedBy ? 'aborted' : this.stopRequested || finished.some((result) => result.outcome !== 'completed') ? 'stopped' : 'completed';
    return joiner.result(
      {
        engineVersion: meta.engineVersion,
        scenario: { path: meta.scenarioPath, hash: meta.scenarioHash },
        host: meta.host,
        load: this.plan.load as RunResult['load'],
        workers: finished.reduce((sum, result) => sum + result.workers, 0),
        seed: this.plan.seed,
        skipped: this.plan.scenario.skipped,
        startTime: this.startAt,
        endTime: Math.max(endTime, this.startAt),
        outcome,
        abortedBy: this.abortedBy,
        fullHistory: this.options.fullHistory ?? false,
        joined: { shards: this.count, missing },
      },
      (stats) => evaluateThresholds(this.plan.scenario, stats, this.options.defaultThresholds ?? [], this.options.baseline),
    );
  }
}
