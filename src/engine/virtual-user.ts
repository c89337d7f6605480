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
  now(): number;
  iterationEnded(user: VirtualUser): void;
}

export function thinkMs(think: ThinkTime, random: Random): number {
  return think.minMs + random() * (think.maxMs - think.minMs);
}

type Phase = 'idle' | 'requesting' | 'thinking' | 'waiting' | 'stopped';

export class VirtualUser implements Sleeper, ExchangeOwner, TemplateContext {
  rows: Array<string[] | undefined>;
  responses: Array<StoredResponse | undefined>;
  wakeAt = 0;
  /** `thinking` = inside a task (per-request think); `waiting` = between iterations. */
  phase: Phase = 'idle';
  stopRequested = false;
  private task: number[] = [];
  private step = 0;
  private dueAt = 0;
  /** True while inside client.send: an exchange that ends synchronously must not recurse. */
  private sending = false;
  /** Requests sent in this iteration: an iteration that sent none must not restart synchronously. */
  private sentInIteration = 0;
  /** Filled for each send (the client reads it during the call only). */
  private readonly outgoing: OutgoingRequest;

  constructor(
    private readonly driver: UserDriver,
    readonly random: Random,
  ) {
    this.rows = new Array<string[] | undefined>(driver.feeds.length);
    this.responses = new Array<StoredResponse | undefined>(driver.compiled.requests.length);
    this.outgoing = { owner: this, spec: driver.compiled.requests[0] as CompiledRequest, origin: '', path: '', headers: [], body: undefined, dueAt: 0, sentAt: 0 };
  }

  startIteration(dueAt: number): void {
    const compiled = this.driver.compiled;
    const taskIndex = compiled.tasks.length === 1 ? 0 : pickWeighted(this.random, compiled.cumulativeWeights);
    this.task = compiled.tasks[taskIndex] ?? [];
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
    while (this.step < this.task.length) {
      const request = requests[this.task[this.step] as number] as CompiledRequest;
      if (this.send(request)) return;
      this.step++;
    }
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
    if (keeps) this.responses[request.index] = stored;
    this.step++;
    if (this.sending) {
      // Ended inside send (a request undici refused outright): continue on the next turn.
      setImmediate(() => this.afterRequest(request, exchange.endedAt));
    } else {
      this.afterRequest(request, exchange.endedAt);
    }
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
