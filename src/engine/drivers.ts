// The load models at run time, inside one worker: the closed model keeps the planned number of
// virtual users running (its share of them); the open model starts its share of the arrivals at
// their planned times, dropping those that find `@max-users` full.

import { performance } from 'node:perf_hooks';
import type { ResolvedLoadModel } from '../core/metrics/result';
import { MetricsRecorder } from '../core/metrics/recorder';
import { redirectGuard } from '../core/plan/loopback';
import type { IntervalPartial } from '../core/metrics/partial';
import { createRandom } from '../core/schedule/random';
import { shareOf, globalIndex } from '../core/schedule/split';
import { arrivalPlan, usersAt } from '../core/schedule/timeline';
import type { ThinkTime } from '../core/scenario/model';
import type { StoredResponse } from './captures';
import type { CompiledScenario } from './compile-requests';
import type { DataFeed } from './data-feed';
import { Deadlines } from './deadlines';
import { HttpClient } from './http-client';
import { connectionsToOpen, firstSecondRate, PRECONNECT_TIMEOUT_MS, withTimeout } from './preconnect';
import { warmUp, WARM_UP_EXCHANGES, WARM_UP_MIN_RATE } from './warm-up';
import { thinkMs, VirtualUser, type UserDriver } from './virtual-user';
import { LONGEST_TIMER_MS, setLongTimeout } from './long-timer';
import { WakeQueue } from './wake-queue';

export interface DriverConfig {
  compiled: CompiledScenario;
  feeds: DataFeed[];
  load: ResolvedLoadModel;
  think: ThinkTime | undefined;
  seed: number;
  workerIndex: number;
  workerCount: number;
  insecure: boolean;
  /** `# @setup` responses for every user's captures; empty when the scenario has no setup. */
  setupResponses?: ReadonlyArray<readonly [number, StoredResponse]>;
  /** Origins besides loopback that redirects may reach; undefined = any (docs/security.md, "Redirects and cookies"). */
  redirectOrigins?: readonly string[] | undefined;
}

/** Random streams of open-model iteration slots start here, apart from the users' streams. */
const SLOT_STREAMS = 1 << 24;
/** How often the closed model looks at the plan (users to start or stop). */
const CONTROL_TICK_MS = 50;

export abstract class LoadDriver implements UserDriver {
  readonly compiled: CompiledScenario;
  readonly feeds: readonly DataFeed[];
  readonly recorder: MetricsRecorder;
  readonly wakeQueue: WakeQueue;
  readonly client: HttpClient;
  abstract readonly timeFromDue: boolean;
  abstract readonly onStartEveryIteration: boolean;
  readonly setupResponses: ReadonlyArray<readonly [number, StoredResponse]>;
  private readonly deadlines: Deadlines;
  protected startedAt = 0;
  protected stopping = false;
  protected droppedInInterval = 0;
  /** The users running when the stop began: the last interval reports them, not the wind-down. */
  private usersAtStop = 0;
  private drained: (() => void) | undefined;
  /** Ends the stop's grace early, when one runs (endGraceNow()). */
  private graceOver: (() => void) | undefined;

  constructor(protected readonly config: DriverConfig) {
    this.compiled = config.compiled;
    this.feeds = config.feeds;
    this.setupResponses = config.setupResponses ?? [];
    this.recorder = new MetricsRecorder(config.compiled.endpointCount, config.compiled.checkCount);
    this.wakeQueue = new WakeQueue(this.now);
    this.deadlines = new Deadlines(this.now);
    const longestTimeoutMs = Math.max(0, ...config.compiled.requests.map((request) => request.timeoutMs));
    const redirects = config.redirectOrigins ? redirectGuard(config.redirectOrigins) : undefined;
    this.client = new HttpClient({ insecure: config.insecure, longestTimeoutMs, redirectGuard: redirects, http2: !config.compiled.http1Only }, this.deadlines);
  }

  readonly now = (): number => performance.now();

  /**
   * Before the start, so that cold code and connecting do not eat the schedule: a fast open
   * model warms its request path (src/engine/warm-up.ts), then every worker opens the connections
   * its first second will need to each constant plain-HTTP origin (src/engine/preconnect.ts).
   */
  async prepare(): Promise<void> {
    const rate = this.share(Math.ceil(firstSecondRate(this.config.load)));
    // A warm-up that cannot run (no loopback listener allowed) only costs the cold start.
    if (rate >= WARM_UP_MIN_RATE) await warmUp(WARM_UP_EXCHANGES).catch(() => undefined);
    const count = connectionsToOpen(this.config.load, (total) => this.share(total));
    const origins = new Set<string>();
    for (const request of this.compiled.requests) if (request.origin !== undefined) origins.add(request.origin);
    const opening = [...origins].map((origin) => this.client.preconnect(origin, count));
    return withTimeout(Promise.all(opening).then(() => undefined), PRECONNECT_TIMEOUT_MS);
  }

  /** Starts generating load; `startedAt` is the run's start on this thread's clock. */
  start(startedAt: number): void {
    if (this.stopping) return;
    this.startedAt = startedAt;
    this.begin();
  }

  /** A stop from outside while the grace runs: iterations still running are cut off now. */
  endGraceNow(): void {
    this.graceOver?.();
  }

  protected abstract begin(): void;
  /**
   * Stops starting work; returns true when nothing is running any more. `graceful` = running
   * iterations may finish (a stop timeout above 0).
   */
  protected abstract halt(graceful: boolean): boolean;
  protected abstract get running(): number;
  abstract iterationEnded(user: VirtualUser): void;

  protected elapsed(): number {
    return this.now() - this.startedAt;
  }

  /** The worker's share of a global count (users, max users). */
  protected share(total: number): number {
    return shareOf(total, this.config.workerIndex, this.config.workerCount);
  }

  protected newRandom(stream: number): () => number {
    return createRandom(this.config.seed, stream);
  }

  protected globalIndex(local: number): number {
    return globalIndex(local, this.config.workerIndex, this.config.workerCount);
  }

  /** Drivers call this when the last running iteration has ended while stopping. */
  protected checkDrained(): void {
    if (this.stopping && this.running === 0) this.drained?.();
  }

  takePartial(): IntervalPartial {
    const dropped = this.droppedInInterval;
    this.droppedInInterval = 0;
    return this.recorder.takePartial({ users: this.stopping ? this.usersAtStop : this.running, inFlight: this.client.inFlight, dropped });
  }

  /** Lets running iterations finish for up to `graceMs`, then cuts off whatever is left. */
  async stop(graceMs: number): Promise<void> {
    this.usersAtStop = this.running;
    this.stopping = true;
    const idle = this.halt(graceMs > 0);
    if (!idle && graceMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setLongTimeout(resolve, graceMs);
        this.drained = this.graceOver = () => {
          timer.clear();
          resolve();
        };
      });
    }
    this.wakeQueue.close();
    this.deadlines.close();
    await this.client.destroy();
  }
}

export class ClosedModelDriver extends LoadDriver {
  readonly timeFromDue = false;
  /** Locust's on_start: once per user, before its first task. */
  readonly onStartEveryIteration = false;
  /** Users in local-index order; ramping down stops the newest first. */
  private readonly users: VirtualUser[] = [];
  private alive = 0;
  private control: NodeJS.Timeout | undefined;

  protected get running(): number {
    return this.alive;
  }

  protected begin(): void {
    this.control = setInterval(() => this.adjust(), CONTROL_TICK_MS);
    this.adjust();
  }

  private adjust(): void {
    const target = this.share(usersAt(this.config.load, this.elapsed()));
    while (this.users.length < target && !this.stopping) {
      const user = new VirtualUser(this, this.newRandom(this.globalIndex(this.users.length)));
      this.users.push(user);
      this.alive++;
      user.startIteration(this.now());
    }
    while (this.users.length > target) this.retire(this.users.pop() as VirtualUser);
  }

  private retire(user: VirtualUser): void {
    user.stopRequested = true;
    // A user between iterations stops at once; one inside a task finishes its iteration.
    if (user.phase === 'waiting') this.finish(user);
  }

  private finish(user: VirtualUser): void {
    if (user.phase === 'stopped') return;
    user.phase = 'stopped';
    // A stopped user's session ends with it (docs/scenario-sessions.md, "Cookies").
    user.cookies?.clear();
    this.alive--;
    this.checkDrained();
  }

  iterationEnded(user: VirtualUser): void {
    if (user.stopRequested || this.stopping) {
      this.finish(user);
      return;
    }
    const think = this.config.think;
    if (think) user.waitUntil(this.now() + thinkMs(think, user.random));
    // A closed model times each request from its send (timeFromDue is false): the iteration's due
    // time is never read, so the clock is not read for it (one call into the runtime per iteration).
    else user.startIteration(0);
  }

  protected halt(): boolean {
    if (this.control) clearInterval(this.control);
    for (const user of this.users) this.retire(user);
    return this.alive === 0;
  }
}

export class OpenModelDriver extends LoadDriver {
  readonly timeFromDue = true;
  /** An iteration slot is reused by unrelated arrivals: each one is a new user and starts with the on-start. */
  readonly onStartEveryIteration = true;
  private readonly plan = arrivalPlan(this.config.load);
  private readonly free: VirtualUser[] = [];
  private readonly maxActive = this.share(this.config.load.kind === 'users' ? 0 : this.config.load.maxUsers);
  private nextArrival = this.config.workerIndex;
  private slots = 0;
  private active = 0;
  private timer: NodeJS.Timeout | undefined;

  protected get running(): number {
    return this.active;
  }

  protected begin(): void {
    this.schedule();
  }

  private schedule(): void {
    const at = this.plan.timeOf(this.nextArrival);
    if (at === undefined || this.stopping) return;
    // A far arrival (a very low rate) is reached over several timers: fire() starts only what is due.
    this.timer = setTimeout(this.fire, Math.min(LONGEST_TIMER_MS, Math.max(0, this.startedAt + at - this.now())));
  }

  private readonly fire = (): void => {
    this.startDue(this.now());
    this.schedule();
  };

  /** Starts every arrival due by `now` (several per timer at high rates), each at its planned time. */
  private startDue(now: number): void {
    let at = this.plan.timeOf(this.nextArrival);
    while (at !== undefined && this.startedAt + at <= now + 0.5) {
      this.arrive(this.startedAt + at);
      this.nextArrival += this.config.workerCount;
      at = this.plan.timeOf(this.nextArrival);
    }
  }

  private arrive(dueAt: number): void {
    if (this.active >= this.maxActive) {
      this.droppedInInterval++;
      return;
    }
    this.active++;
    const user = this.free.pop() ?? new VirtualUser(this, this.newRandom(SLOT_STREAMS + this.globalIndex(this.slots++)));
    user.startIteration(dueAt);
  }

  iterationEnded(user: VirtualUser): void {
    this.active--;
    // Each arrival is a fresh visitor: the slot's next iteration starts without cookies.
    user.cookies?.clear();
    this.free.push(user);
    this.checkDrained();
  }

  protected halt(graceful: boolean): boolean {
    if (this.timer) clearTimeout(this.timer);
    // Arrivals that fell due before the stop but whose timer has not run yet (a busy event loop)
    // still belong to the plan: start them when they may finish.
    if (graceful && this.startedAt > 0) this.startDue(this.now());
    return this.active === 0;
  }
}

export function createDriver(config: DriverConfig): LoadDriver {
  return config.load.kind === 'users' || (config.load.kind === 'stages' && config.load.target === 'users')
    ? new ClosedModelDriver(config)
    : new OpenModelDriver(config);
}
