// One load test at a time per window: starts the engine, relays its events, stops it on request
// (the engine handle's shutdown policy: src/engine/spawn.ts), and makes sure no engine outlives
// the run, the window or the extension. Free of `vscode` so that it is tested against the real engine.
import type { EngineEvent } from '../../core/protocol/engine';
import type { EngineHandle } from '../../engine/spawn';
import type { IntervalSnapshot, RunResult } from '../../core/metrics/result';
import { ENGINE_PROTOCOL_VERSION } from '../../core/protocol/engine';
import { redactText } from '../../core/plan';
import { credentialsHidden } from '../../core/report/credentials';
import { engineCrashMessage } from './logic/run-failure';
import { RunSession, type RunRequest } from './run-session';

export type { RunRequest };

export type RunEvent =
  | { type: 'starting'; run: RunSession }
  | { type: 'started'; run: RunSession }
  | { type: 'interval'; run: RunSession; snapshot: IntervalSnapshot }
  | { type: 'stopping'; run: RunSession }
  | { type: 'threshold-abort'; run: RunSession; rule: string; target: string }
  | { type: 'finished'; run: RunSession; result: RunResult }
  | { type: 'failed'; run: RunSession; message: string };

export class RunAlreadyActiveError extends Error {
  override readonly name = 'RunAlreadyActiveError';
  constructor(readonly active: RunRequest) {
    super(`A load test of ${active.heading.title} is already running in this window: stop it first (Loadlens: Stop Load Test).`);
  }
}

interface Session {
  run: RunSession;
  engine: EngineHandle;
  subscription: { dispose(): void };
  ended: boolean;
}

/** Different error texts reported per view; the next one says that no more are, and the rest are not. */
const REPORTED_TEXTS_PER_VIEW = 3;

export class RunController {
  private session: Session | undefined;
  /** Engines not yet exited, including those of ended runs that are still shutting down. */
  private readonly living = new Set<EngineHandle>();
  private readonly listeners = new Set<(event: RunEvent) => void>();
  /** Per listener, the error texts already reported: a view that throws on every interval is told once. */
  private readonly reported = new WeakMap<(event: RunEvent) => void, Set<string>>();

  /** `reportListenerError` tells a view's failure (the Loadlens output channel), its text already free of the run's private values. */
  constructor(
    private readonly spawn: () => EngineHandle,
    private readonly reportListenerError: (text: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  get active(): RunSession | undefined {
    return this.session?.run;
  }

  onEvent(listener: (event: RunEvent) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Starts a run; throws RunAlreadyActiveError while another one is active. */
  start(request: RunRequest): RunSession {
    if (this.session) throw new RunAlreadyActiveError(this.session.run.request);
    const run = new RunSession(request);
    const engine = this.spawn();
    this.living.add(engine);
    const session: Session = { run, engine, subscription: { dispose: () => undefined }, ended: false };
    this.session = session;
    session.subscription = engine.onEvent((event) => this.handle(session, event));
    // `exited` only resolves (on the child's exit event); exited() does not throw, as emit() reports listeners' failures instead of passing them on.
    void engine.exited.then((exit) => this.exited(session, exit));
    this.emit({ type: 'starting', run });
    engine.start({
      type: 'run/start',
      protocolVersion: ENGINE_PROTOCOL_VERSION,
      runId: request.runId,
      scenarioPath: request.scenarioPath,
      scenarioText: request.scenarioText,
      options: request.options,
      allowedFolders: request.allowedFolders,
    });
    return run;
  }

  /** Graceful stop: the engine ends the run and reports it; the handle kills it if it takes too long. */
  stop(): boolean {
    const session = this.session;
    if (!session || session.ended) return false;
    if (session.run.phase !== 'stopping') {
      session.run.stopping();
      this.emit({ type: 'stopping', run: session.run });
      session.engine.stop();
    }
    return true;
  }

  /** True while an engine process (of this run or an ended one) has not exited yet. */
  get hasLivingEngine(): boolean {
    return this.living.size > 0;
  }

  /** Kills whatever runs, at once: window closing, extension deactivating. */
  dispose(): void {
    // Nobody listens any more: the window or the extension is going away.
    this.listeners.clear();
    const session = this.session;
    if (session) this.fail(session, 'The run was cancelled because the window or the extension closed.');
    for (const engine of this.living) engine.kill();
  }

  private handle(session: Session, event: EngineEvent): void {
    if (session.ended) return;
    const run = session.run;
    if (!run.apply(event)) return;
    switch (event.type) {
      case 'run/started':
        this.emit({ type: 'started', run });
        return;
      case 'run/interval':
        this.emit({ type: 'interval', run, snapshot: event.snapshot });
        return;
      case 'run/threshold-abort':
        this.emit({ type: 'threshold-abort', run, rule: event.rule, target: event.target });
        return;
      case 'run/finished':
        this.end(session, { type: 'finished', run, result: event.result });
        return;
      case 'run/error':
        this.end(session, { type: 'failed', run, message: run.failure ?? event.message });
        return;
      case 'run/log':
        return;
    }
  }

  private fail(session: Session, message: string): void {
    session.run.fail(message);
    this.end(session, { type: 'failed', run: session.run, message });
  }

  private exited(session: Session, exit: { code: number | null; signal: NodeJS.Signals | null }): void {
    this.living.delete(session.engine);
    session.subscription.dispose();
    if (!session.ended) {
      const run = session.run;
      const elapsed = run.startTime !== undefined ? this.now() - run.startTime : undefined;
      const message =
        run.phase === 'stopping'
          ? 'The run was stopped before the engine could report a result.'
          : engineCrashMessage(exit, elapsed);
      this.fail(session, message);
    }
  }

  /** Exactly one terminal event per run; the window is free for the next run from here on. */
  private end(session: Session, event: Extract<RunEvent, { type: 'finished' | 'failed' }>): void {
    if (session.ended) return;
    session.ended = true;
    if (this.session === session) this.session = undefined;
    this.emit(event);
  }

  private emit(event: RunEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        // A failing view (the panel, the status bar, Problems, a lens) must not stop the others
        // or the run; it is a bug all the same, so it is told, not swallowed.
        this.reportFailure(listener, event, error);
      }
    }
  }

  private reportFailure(listener: (event: RunEvent) => void, event: RunEvent, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    let seen = this.reported.get(listener);
    if (!seen) this.reported.set(listener, (seen = new Set()));
    if (seen.has(message) || seen.size > REPORTED_TEXTS_PER_VIEW) return;
    seen.add(message);
    const detail = error instanceof Error ? (error.stack ?? message) : message;
    // A view whose message changes every time (a count, a time in it) is told a few times, not every second.
    const more = seen.size > REPORTED_TEXTS_PER_VIEW ? ` (this view has failed with ${REPORTED_TEXTS_PER_VIEW} other texts: its further failures are not reported)` : '';
    // An error may quote a URL or a header of the scenario: no credentials, no private values.
    const text = redactText(credentialsHidden(`A view of load test ${event.run.request.runId} failed on its '${event.type}' event: ${detail}${more}`), event.run.request.secrets ?? []);
    try {
      this.reportListenerError(text);
    } catch {
      // The log itself failing (the window closing) must not stop the run either.
    }
  }
}
