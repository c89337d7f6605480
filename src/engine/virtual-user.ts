// A virtual user: picks a task by weight, sends its requests in order (each after the previous
// one ended, with per-request think time between), and hands itself back to its driver at the
// end of the iteration. It is its own sleeper and exchange owner, so a send allocates nothing
// of ours beyond the exchange.

import type { MetricsRecorder } from '../core/metrics/recorder';
import { pickWeighted, type Random } from '../core/schedule/random';
import type { ThinkTime } from '../core/scenario/model';
import { CaptureMissing, type StoredResponse } from './captures';
import type { CompiledRequest, CompiledScenario } from './compile-requests';
import { splitUrl } from './compile-requests';
import type { CompiledTemplate, TemplateContext } from './compile-template';
import type { DataFeed } from './data-feed';
import type { Exchange, ExchangeOwner, HttpClient, OutgoingRequest } from './http-client';
import { UserCookies } from './cookie-jar';
import { runChecks } from './run-checks';
import type { Sleeper, WakeQueue } from './wake-queue';

/** What a user needs from the driver that runs it (closed or open model). */
export interface UserDriver {
  readonly compiled: CompiledScenario;
  readonly client: HttpClient;
  readonly recorder: MetricsRecorder;
  readonly wakeQueue: WakeQueue;
  readonly feeds: readonly DataFeed[];
  /** Open model: time requests from when they were due (coordinated omission); closed: from the send. */
  readonly timeFromDue: boolean;
  /** `# @on-start` at the start of every iteration (open model); else once per user (closed model). */
  readonly onStartEveryIteration: boolean;
  /** `# @setup` responses every user reads (src/engine/setup-run.ts), by request index; never overwritten. */
  readonly setupResponses: ReadonlyArray<readonly [number, StoredResponse]>;
  now(): number;
  iterationEnded(user: VirtualUser): void;
}

export function thinkMs(think: ThinkTime, random: Random): number {
  return think.minMs + random() * (think.maxMs - think.minMs);
}

type Phase = 'idle' | 'requesting' | 'thinking' | 'waiting' | 'stopped';

/** The first failed request of a sequence run with `runSequence` (the `# @setup` requests). */
export interface SequenceFailure {
  request: number;
  reason: string;
}

export class VirtualUser implements Sleeper, ExchangeOwner, TemplateContext {
  rows: Array<string[] | undefined>;
  responses: Array<StoredResponse | undefined>;
  wakeAt = 0;
  /** `thinking` = inside a task (per-request think); `waiting` = between iterations. */
  phase: Phase = 'idle';
  stopRequested = false;
  private task: number[] = [];
  /** The task to run once the `# @on-start` sequence in `task` is done; undefined otherwise. */
  private afterOnStart: number[] | undefined;
  /** Closed model: the on-start is still to run (first iteration, or it had a failed request). */
  private needsOnStart = true;
  /** Set while `task` is a sequence whose failures matter: on-start (run again) or setup (stop). */
  private sequence: 'on-start' | 'setup' | undefined;
  /** `runSequence`'s outcome: the first request that failed. */
  sequenceFailure: SequenceFailure | undefined;
  private step = 0;
  private dueAt = 0;
  /** True while inside client.send: an exchange that ends synchronously must not recurse. */
  private sending = false;
  /** Requests sent in this iteration: an iteration that sent none must not restart synchronously. */
  private sentInIteration = 0;
  /** Filled for each send (the client reads it during the call only). */
  private readonly outgoing: OutgoingRequest;
  /** This user's cookies (docs/scenario-sessions.md, "Cookies"); undefined under `# @no-cookie-jar`. */
  readonly cookies: UserCookies | undefined;

  constructor(
    private readonly driver: UserDriver,
    readonly random: Random,
  ) {
    this.rows = new Array<string[] | undefined>(driver.feeds.length);
    this.responses = new Array<StoredResponse | undefined>(driver.compiled.requests.length);
    for (const [index, response] of driver.setupResponses) this.responses[index] = response;
    this.cookies = driver.compiled.cookieJar ? new UserCookies() : undefined;
    this.outgoing = { owner: this, spec: driver.compiled.requests[0] as CompiledRequest, origin: '', path: '', headers: [], body: undefined, dueAt: 0, sentAt: 0, cookies: this.cookies };
  }

  startIteration(dueAt: number): void {
    const compiled = this.driver.compiled;
    const taskIndex = compiled.tasks.length === 1 ? 0 : pickWeighted(this.random, compiled.cumulativeWeights);
    this.task = compiled.tasks[taskIndex] ?? [];
    const onStart = compiled.onStart;
    if (onStart !== undefined && (this.needsOnStart || this.driver.onStartEveryIteration)) {
      // The on-start runs first, as part of this iteration (same data rows, same due time).
      this.afterOnStart = this.task;
      this.task = onStart;
      this.sequence = 'on-start';
      this.needsOnStart = false;
    }
    this.beginIteration(dueAt);
  }

  /**
   * Runs `requests` once, as an iteration without a task (the `# @setup` sequence): it stops at the
   * first failed request, which `sequenceFailure` then names; `driver.iterationEnded` follows.
   */
  runSequence(requests: number[], dueAt: number): void {
    this.task = requests;
    this.sequence = 'setup';
    this.sequenceFailure = undefined;
    this.beginIteration(dueAt);
  }

  /** Takes this iteration's data rows and sends the first request of `task`. */
  private beginIteration(dueAt: number): void {
    const feeds = this.driver.feeds;
    for (let i = 0; i < feeds.length; i++) this.rows[i] = (feeds[i] as DataFeed).next(this.random);
    this.step = 0;
    this.sentInIteration = 0;
    this.dueAt = dueAt;
    this.runStep();
  }

  /** Between iterations: sleep until `wakeAt`, then start the next one. */
  waitUntil(wakeAt: number): void {
    this.phase = 'waiting';
    this.driver.wakeQueue.push(this, wakeAt);
  }

  wake(now: number): void {
    if (this.phase === 'stopped') return;
    const due = this.driver.timeFromDue ? this.wakeAt : now;
    if (this.phase === 'waiting') {
      this.startIteration(due);
    } else if (this.phase === 'thinking') {
      this.dueAt = due;
      this.runStep();
    }
  }

  /** Sends the current step, skipping requests whose captures found nothing. */
  private runStep(): void {
    const requests = this.driver.compiled.requests;
    for (;;) {
      while (this.step < this.task.length) {
        const request = requests[this.task[this.step] as number] as CompiledRequest;
        if (this.send(request)) return;
        this.step++;
      }
      const next = this.afterOnStart;
      if (next === undefined) break;
      // The on-start is done: the iteration goes on with its task.
      this.afterOnStart = undefined;
      this.sequence = undefined;
      this.task = next;
      this.step = 0;
    }
    this.sequence = undefined;
    this.phase = 'idle';
    // Every request of this iteration failed before sending: yield, or this would loop forever.
    if (this.sentInIteration === 0) setImmediate(() => this.driver.iterationEnded(this));
    else this.driver.iterationEnded(this);
  }

  private send(request: CompiledRequest): boolean {
    let origin = request.origin;
    let path = request.path;
    let headers = request.constantHeaders;
    let body: string | Buffer | undefined = request.constantBody;
    try {
      if (origin === undefined || path === undefined) {
        const url = request.url.render(this);
        const split = splitUrl(url);
        origin = split ? split[0] : url;
        path = split ? split[1] : '/';
      }
      if (headers === undefined) {
        headers = [];
        for (let i = 0; i < request.headerNames.length; i++) {
          headers.push(request.headerNames[i] as string, (request.headerValues[i] as CompiledTemplate).render(this));
        }
      }
      if (request.body) body = request.bodyEncoding ? Buffer.from(request.body.render(this), request.bodyEncoding) : request.body.render(this);
    } catch (error) {
      if (!(error instanceof CaptureMissing)) throw error;
      this.driver.recorder.recordUnsent(request.endpoint, error.message);
      if (this.sequence !== undefined) this.sequenceRequestFailed(request.index, error.message);
      return false;
    }
    this.phase = 'requesting';
    const now = this.driver.now();
    this.sending = true;
    this.sentInIteration++;
    const outgoing = this.outgoing;
    outgoing.spec = request;
    outgoing.origin = origin;
    outgoing.path = path;
    outgoing.headers = headers;
    outgoing.body = body;
    outgoing.cookies = request.useCookieJar ? this.cookies : undefined;
    // An arrival may start up to 0.5 ms before its planned time (src/engine/drivers.ts startDue):
    // its clock then starts at the send, so a response time is never negative.
    outgoing.dueAt = this.driver.timeFromDue ? Math.min(this.dueAt, now) : now;
    outgoing.sentAt = now;
    this.driver.client.send(outgoing);
    this.sending = false;
    return true;
  }

  onExchangeEnd(exchange: Exchange): void {
    const request = exchange.spec as CompiledRequest;
    const micros = (exchange.endedAt - exchange.dueAt) * 1000;
    const keeps = request.keepBody || request.keepHeaders;
    let stored = keeps ? exchange.storedResponse() : undefined;
    let failure = exchange.failure;
    // Checks run on a response that passed `@expect`; a scenario without `??` skips this test only.
    if (request.checks !== undefined && failure === undefined && exchange.status > 0) {
      failure = runChecks(request, exchange.status, micros / 1000, stored, this.driver.recorder.checks);
      // A request that failed a check is a failure: captures read only requests that succeeded.
      if (failure !== undefined) stored = undefined;
    }
    this.driver.recorder.record(request.endpoint, micros, exchange.contentBytes, failure);
    if (exchange.redirects > 0) this.driver.recorder.recordRedirects(request.endpoint, exchange.redirects);
    // A request that got no answer (refused, timed out before headers) has no protocol to show.
    if (exchange.status > 0) this.driver.recorder.recordProtocol(request.endpoint, exchange.protocol);
    if (keeps) this.responses[request.index] = stored;
    this.step++;
    if (failure !== undefined && this.sequence !== undefined) this.sequenceRequestFailed(request.index, failure);
    if (this.sending) {
      // Ended inside send (a request undici refused outright): continue on the next turn.
      setImmediate(() => this.afterRequest(request, exchange.endedAt));
    } else {
      this.afterRequest(request, exchange.endedAt);
    }
  }

  /**
   * A failed on-start request: the user runs its on-start again before its next iteration, so
   * that one failed login does not leave it logged out for the rest of the run. A failed setup
   * request: the sequence ends here (nothing after it can be trusted), and the run sends no load.
   */
  private sequenceRequestFailed(request: number, reason: string): void {
    if (this.sequence === 'on-start') {
      this.needsOnStart = true;
      return;
    }
    this.sequenceFailure ??= { request, reason };
    this.step = this.task.length;
  }

  private afterRequest(request: CompiledRequest, endedAt: number): void {
    if (this.phase === 'stopped') return;
    if (request.think) {
      this.phase = 'thinking';
      this.driver.wakeQueue.push(this, endedAt + thinkMs(request.think, this.random));
      return;
    }
    this.dueAt = endedAt;
    this.runStep();
  }
}
