// One run as the engine process carries it out: prepare, start the workers on a shared clock, turn
// their partials into one interval per second, watch `abort` rules, stop (planned end, a stop from
// outside, abort) and assemble the RunResult.

import { performance } from 'node:perf_hooks';
import { applicableThresholds, createAbortTracker, deriveInsights, evaluateThresholds } from '../core/analysis';
import { RunAggregator } from '../core/metrics/aggregator';
import type { IntervalPartial } from '../core/metrics/partial';
import { RESULT_FORMAT_VERSION, type IntervalSnapshot, type RunResult, type ShardInterval } from '../core/metrics/result';
import { formatMs } from '../core/present/numbers';
import type { EngineCommand, EngineEvent } from '../core/protocol/engine';
import { withoutCredentials } from '../core/report/credentials';
import { partOfShard } from '../core/schedule/split';
import { plannedDurationMs } from '../core/schedule/timeline';
import { checkKeys, endpointMap } from './endpoints';
import { shareRows } from './data-feed';
import { prepareRun, PrepareError, type PreparedRun } from './prepare';
import { setLongTimeout, type LongTimer } from './long-timer';
import { ExpansionLimitError } from './compile-template';
import type { SharedResponse } from './captures';
import { SetupRun, setupFailureText } from './setup-run';
import { WorkerPool } from './worker-pool';
import type { WorkerSetup } from './worker-protocol';
import { ENGINE_VERSION } from './version';

type StartCommand = Extract<EngineCommand, { type: 'run/start' }>;
type Outcome = RunResult['outcome'];

/** The host as the parent and the result see it: credentials stay on the wire (src/core/report/credentials.ts). */
function shownHost(host: string | undefined): string | undefined {
  return host === undefined ? undefined : withoutCredentials(host);
}

/** Workers start this long after they are ready, so that all begin on the same tick. */
const START_DELAY_MS = 50;

export class EngineRun {
  private prepared: PreparedRun | undefined;
  private pool: WorkerPool | undefined;
  /** The `# @setup` sequence while it runs (before any worker starts). */
  private setupRun: SetupRun | undefined;
  /** What the setup requests counted: folded into the first interval (or the last, if no other comes). */
  private setupPartial: IntervalPartial | undefined;
  /** When the setup started (wall clock, monotonic): the run's start when it ends before its load does. */
  private setupStart: { time: number; perf: number } | undefined;
  private aggregator: RunAggregator | undefined;
  private readonly intervals: IntervalSnapshot[] = [];
  /** A shard keeps its partials for `loadlens merge` (src/core/metrics/result.ts, ShardRecord). */
  private readonly shardIntervals: ShardInterval[] = [];
  private readonly abortTracker = createAbortTracker();
  private watchAbortRules = false;
  private startTime = 0;
  private startPerf = 0;
  private lastBoundary = 0;
  private seq = 0;
  /** When each flush was asked for: the end of its interval. */
  private readonly boundaries = new Map<number, number>();
  private tickTimer: NodeJS.Timeout | undefined;
  private endTimer: LongTimer | undefined;
  private stopping: { outcome: Outcome; abortedBy?: string } | undefined;
  /** A stop came from outside (the parent's run/stop or a signal to this process). */
  private stopRequested = false;
  private ended = false;
  private done!: () => void;
  readonly finished = new Promise<void>((resolve) => (this.done = resolve));

  constructor(
    private readonly command: StartCommand,
    private readonly emit: (event: EngineEvent) => void,
    private readonly workerEntry: string,
  ) {}

  /** What every event of this run must not show (src/core/plan/secrets.ts); empty until prepared. */
  get secrets(): readonly string[] {
    return this.prepared?.secrets ?? [];
  }

  private get runId(): string {
    return this.command.runId;
  }

  async run(): Promise<void> {
    try {
      this.prepared = prepareRun(this.command);
    } catch (error) {
      const code = error instanceof PrepareError ? error.code : 'internal';
      this.fail(code, error instanceof Error ? error.message : String(error));
      return this.finished;
    }
    const prepared = this.prepared;
    const { endpoints } = endpointMap(prepared.scenario);
    this.aggregator = new RunAggregator(endpoints, checkKeys(prepared.scenario));
    const defaults = this.command.options.defaultThresholds ?? [];
    this.watchAbortRules = !this.command.options.abortJudgedElsewhere && applicableThresholds(prepared.scenario, defaults).some((rule) => rule.abort);
    let setupResponses: SharedResponse[] = [];
    if (prepared.scenario.setup && !this.stopRequested) {
      const responses = await this.runSetup(prepared);
      if (responses === undefined) return this.finished;
      setupResponses = responses;
    }
    this.pool = new WorkerPool(this.workerEntry, this.setups(prepared, setupResponses), {
      onPartials: (seq, partials) => this.onPartials(seq, partials),
      onCrash: (message, scenarioProblem) => this.fail(scenarioProblem ? 'scenario-invalid' : 'worker-crashed', message),
    });
    if (this.stopRequested) this.finish('stopped', [], undefined);
    await Promise.race([this.pool.ready(), this.finished]);
    // A stop before the clock started has already ended the run (see stop()).
    if (!this.ended) this.begin(prepared);
    return this.finished;
  }

  /**
   * The `# @setup` requests, once, before any worker starts (so its time is not the run's): their
   * responses on success; undefined when the run ended here (a failed request, or a stop).
   */
  private async runSetup(prepared: PreparedRun): Promise<SharedResponse[] | undefined> {
    let setup: SetupRun;
    try {
      setup = new SetupRun(prepared, this.command.options.insecure ?? false, this.command.options.redirectOrigins);
    } catch (error) {
      if (!(error instanceof ExpansionLimitError)) throw error;
      this.fail('scenario-invalid', error.message);
      return undefined;
    }
    this.setupRun = setup;
    this.setupStart = { time: Date.now(), perf: performance.now() };
    const outcome = await setup.run();
    this.setupRun = undefined;
    this.setupPartial = outcome.partial;
    if (outcome.stopped) {
      this.finish('stopped', [], undefined);
      return undefined;
    }
    if (outcome.failure) {
      const request = prepared.scenario.requests[outcome.failure.request];
      this.fail('setup-failed', setupFailureText(request, outcome.failure.reason));
      return undefined;
    }
    const took = Math.round(performance.now() - this.setupStart.perf);
    this.emit({ type: 'run/log', level: 'info', message: `setup: ${prepared.scenario.setup?.requests.length ?? 0} request(s) in ${formatMs(took)}, before the load` });
    return outcome.responses;
  }

  private setups(prepared: PreparedRun, setupResponses: SharedResponse[]): WorkerSetup[] {
    return Array.from({ length: prepared.workers }, (_, workerIndex) => {
      const part = partOfShard(this.command.options.shard, workerIndex, prepared.workers);
      return this.setup(prepared, workerIndex, part, setupResponses);
    });
  }

  private setup(prepared: PreparedRun, workerIndex: number, part: { index: number; count: number }, setupResponses: SharedResponse[]): WorkerSetup {
    return {
      workerIndex,
      part,
      scenario: prepared.scenario,
      load: prepared.load,
      host: prepared.host,
      seed: prepared.seed,
      insecure: this.command.options.insecure ?? false,
      ...(this.command.options.redirectOrigins ? { redirectOrigins: this.command.options.redirectOrigins } : {}),
      env: prepared.env,
      dotenv: prepared.dotenv,
      data: prepared.data.map((file) => ({ ...file, rows: shareRows(file.rows, part.index, part.count) })),
      bodies: prepared.bodies,
      setupResponses,
    };
  }

  private begin(prepared: PreparedRun): void {
    // `--start-at`: shards on many machines share one start on the wall clock. A shard that is
    // ready late still counts its plan from that start, so it catches up on what fell due and the
    // shards together still make the whole run (docs/scale-out.md, Clock skew).
    const startAt = this.command.options.startAt;
    const now = Date.now();
    const delay = startAt === undefined ? START_DELAY_MS : startAt - now;
    if (startAt !== undefined && delay < 0) {
      this.emit({ type: 'run/log', level: 'warn', message: `ready ${formatMs(Math.round(-delay))} after --start-at: catching up on the load that fell due` });
    }
    this.startTime = now + delay;
    this.startPerf = performance.now() + delay;
    this.lastBoundary = this.startPerf;
    this.pool?.broadcast({ type: 'start', startAt: this.startTime });
    const planned = plannedDurationMs(prepared.load);
    this.emit({
      type: 'run/started',
      runId: this.runId,
      startTime: this.startTime,
      load: prepared.load,
      plannedDurationMs: planned,
      host: shownHost(prepared.host),
      requestNames: prepared.scenario.requests.map((request) => request.statsName),
      stopTimeoutMs: prepared.stopTimeoutMs,
      workers: prepared.workers,
    });
    this.scheduleTick();
    if (planned !== undefined) {
      this.endTimer = setLongTimeout(() => this.beginStop('completed'), this.startPerf + planned - performance.now(), () => performance.now());
    }
  }

  private scheduleTick(): void {
    const next = this.startPerf + (this.seq + 1) * 1000;
    this.tickTimer = setTimeout(() => {
      this.seq++;
      this.boundaries.set(this.seq, performance.now());
      this.pool?.broadcast({ type: 'flush', seq: this.seq });
      this.scheduleTick();
    }, Math.max(0, next - performance.now()));
  }

  private onPartials(seq: number, partials: IntervalPartial[]): void {
    const boundary = this.boundaries.get(seq) ?? performance.now();
    this.boundaries.delete(seq);
    const snapshot = this.addInterval(partials, boundary);
    if (!this.watchAbortRules || this.stopping || !this.prepared || !this.aggregator) return;
    const stats = this.aggregator.stats(snapshot.elapsedMs, false);
    const verdicts = evaluateThresholds(this.prepared.scenario, stats, this.command.options.defaultThresholds ?? [], this.command.options.baseline);
    const broken = this.abortTracker.update(verdicts, snapshot.elapsedMs);
    if (broken) {
      this.emit({ type: 'run/threshold-abort', runId: this.runId, rule: broken.rule, target: broken.target });
      this.beginStop('aborted', broken.rule);
    }
  }

  /** Closes the interval that ended at `now` (when its partials were asked for). */
  private addInterval(workerPartials: IntervalPartial[], now: number): IntervalSnapshot {
    // The setup's requests count in the run's first interval (docs/scenario-tasks.md).
    const partials = this.setupPartial ? [...workerPartials, this.setupPartial] : workerPartials;
    this.setupPartial = undefined;
    const elapsedMs = now - this.startPerf;
    const snapshot = (this.aggregator as RunAggregator).addInterval(partials, {
      time: this.startTime + elapsedMs,
      elapsedMs,
      intervalMs: now - this.lastBoundary,
    });
    const shardInterval = this.command.options.shard ? { time: snapshot.time, elapsedMs, intervalMs: now - this.lastBoundary, partials } : undefined;
    if (shardInterval) this.shardIntervals.push(shardInterval);
    this.lastBoundary = now;
    // Kept for the result and the insights, which read the aggregate only: a row per request name
    // per second is kept when the history asks for it (10,000 names for 60 s are 600,000 rows).
    this.intervals.push(this.command.options.fullHistory ? snapshot : { ...snapshot, endpoints: [] });
    this.emit(shardInterval ? { type: 'run/interval', runId: this.runId, snapshot, partials: shardInterval } : { type: 'run/interval', runId: this.runId, snapshot });
    return snapshot;
  }

  /**
   * A stop from outside: the parent's `run/stop` or SIGINT/SIGTERM to this process. One interrupt
   * often arrives twice (a terminal or `timeout` signals the whole process group, and the parent
   * forwards it as `run/stop`), so only the first counts; a harder stop is the parent's kill.
   * - before the clock started (warm-up, pre-connect): the run ends at once, with no requests;
   * - while the load runs: as at the planned end, running iterations get the stop-timeout;
   * - while the planned end already waits on the stop-timeout: the wait ends now.
   */
  stop(): void {
    if (this.stopRequested || this.ended) return;
    this.stopRequested = true;
    if (this.setupRun) {
      this.setupRun.stop(); // runSetup() then ends the run as stopped
      return;
    }
    if (!this.pool || !this.prepared) return; // run() has not begun: it sees stopRequested
    if (this.startTime === 0) this.finish('stopped', [], undefined);
    else if (this.stopping) this.pool.endGraceNow();
    else this.beginStop('stopped');
  }

  private beginStop(outcome: Outcome, abortedBy?: string): void {
    if (this.stopping || !this.pool || !this.prepared) return;
    this.stopping = { outcome, abortedBy };
    if (this.tickTimer) clearTimeout(this.tickTimer);
    this.endTimer?.clear();
    // stop() only resolves (on the workers' last partials); should finish() throw, the rejection
    // reaches the engine's uncaughtException handler (src/engine/main.ts), which reports it as run/error.
    void this.pool.stop(this.prepared.stopTimeoutMs).then((partials) => this.finish(outcome, partials, abortedBy));
  }

  private finish(outcome: Outcome, lastPartials: IntervalPartial[], abortedBy: string | undefined): void {
    if (this.ended) return;
    this.ended = true;
    const prepared = this.prepared as PreparedRun;
    const aggregator = this.aggregator as RunAggregator;
    const stoppedAt = performance.now();
    if (this.startTime === 0 && this.setupPartial && this.setupStart) {
      // Stopped before the load began, after setup requests were sent: the run is the setup.
      this.startTime = this.setupStart.time;
      this.startPerf = this.lastBoundary = this.setupStart.perf;
    }
    if ((lastPartials.length > 0 && stoppedAt - this.lastBoundary > 1) || this.setupPartial) this.addInterval(lastPartials, stoppedAt);
    const endTime = this.startTime === 0 ? Date.now() : this.startTime + (performance.now() - this.startPerf);
    const startTime = this.startTime === 0 ? endTime : this.startTime;
    const stats = aggregator.stats(endTime - startTime);
    const base: Omit<RunResult, 'insights'> = {
      formatVersion: RESULT_FORMAT_VERSION,
      engineVersion: ENGINE_VERSION,
      scenario: { path: this.command.scenarioPath, hash: prepared.scenarioHash },
      host: shownHost(prepared.host),
      load: prepared.load,
      startTime,
      endTime,
      outcome,
      abortedBy,
      workers: prepared.workers,
      seed: prepared.seed,
      endpoints: stats.endpoints,
      aggregate: stats.aggregate,
      intervals: this.intervals,
      failures: aggregator.failures(),
      dropped: aggregator.dropped,
      thresholds: evaluateThresholds(prepared.scenario, stats, this.command.options.defaultThresholds ?? [], this.command.options.baseline),
    };
    const result: RunResult = { ...base, insights: deriveInsights({ ...base, intervals: this.intervals }) };
    if (prepared.scenario.skipped) result.skipped = prepared.scenario.skipped;
    const shard = this.command.options.shard;
    if (shard) result.shard = { index: shard.index, count: shard.count, intervals: this.shardIntervals };
    const checks = aggregator.checks();
    if (checks) result.checks = checks;
    const redirects = aggregator.redirects();
    if (redirects) result.redirects = redirects;
    this.emit({ type: 'run/finished', runId: this.runId, result });
    // terminate() settles every worker (allSettled): it never rejects.
    if (this.pool) void this.pool.terminate().then(() => this.done());
    else this.done();
  }

  private fail(code: Extract<EngineEvent, { type: 'run/error' }>['code'], message: string): void {
    if (this.ended) return;
    this.ended = true;
    this.emit({ type: 'run/error', runId: this.runId, code, message });
    if (this.tickTimer) clearTimeout(this.tickTimer);
    this.endTimer?.clear();
    // terminate() settles every worker (allSettled): it never rejects.
    if (this.pool) void this.pool.terminate().then(() => this.done());
    else this.done();
  }
}
