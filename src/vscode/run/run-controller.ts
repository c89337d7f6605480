// One load test at a time per window: starts the engine, relays its events, stops it on request
// (the engine handle's shutdown policy: src/engine/spawn.ts), and makes sure no engine outlives
// the run, the window or the extension. Free of `vscode` so that it is tested against the real engine.
import type { EngineEvent, RunOptions } from '../../core/protocol/engine';
import type { EngineHandle } from '../../engine/spawn';
import type { IntervalSnapshot, ResolvedLoadModel, RunResult } from '../../core/metrics/result';
import { ENGINE_PROTOCOL_VERSION } from '../../core/protocol/engine';
import type { RunHeading } from '../../core/protocol/webview';
import { engineCrashMessage, runErrorMessage } from './logic/run-failure';

export interface RunRequest {
  runId: string;
  /** The scenario document (a URI string): lenses, diagnostics and history belong to it. */
  documentKey: string;
  scenarioPath: string;
  scenarioText: string;
  options: RunOptions;
  /** The folders `# @data` and `< file` may read (src/vscode/shared/file-access.ts). */
  allowedFolders: string[];
  heading: RunHeading;
}

export interface ActiveRun {
  readonly request: RunRequest;
  phase: 'starting' | 'running' | 'stopping';
  startTime?: number;
  load?: ResolvedLoadModel;
  plannedDurationMs?: number;
  requestNames: string[];
  /** Every interval so far, for a panel opened in the middle of the run. */
  intervals: IntervalSnapshot[];
  abortedBy?: { rule: string; target: string };
}

export type RunEvent =
  | { type: 'starting'; run: ActiveRun }
  | { type: 'started'; run: ActiveRun }
  | { type: 'interval'; run: ActiveRun; snapshot: IntervalSnapshot }
  | { type: 'stopping'; run: ActiveRun }
  | { type: 'threshold-abort'; run: ActiveRun; rule: string; target: string }
  | { type: 'finished'; run: ActiveRun; result: RunResult }
  | { type: 'failed'; run: ActiveRun; message: string };

export class RunAlreadyActiveError extends Error {
  override readonly name = 'RunAlreadyActiveError';
  constructor(readonly active: RunRequest) {
    super(`A load test of ${active.heading.title} is already running in this window: stop it first (Loadlens: Stop Load Test).`);
  }
}

interface Session {
  run: ActiveRun;
  engine: EngineHandle;
  subscription: { dispose(): void };
  ended: boolean;
}

export class RunController {
  private session: Session | undefined;
  /** Engines not yet exited, including those of ended runs that are still shutting down. */
  private readonly living = new Set<EngineHandle>();
  private readonly listeners = new Set<(event: RunEvent) => void>();

  constructor(
    private readonly spawn: () => EngineHandle,
    private readonly now: () => number = Date.now,
  ) {}

  get active(): ActiveRun | undefined {
    return this.session?.run;
  }

  onEvent(listener: (event: RunEvent) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Starts a run; throws RunAlreadyActiveError while another one is active. */
  start(request: RunRequest): ActiveRun {
    if (this.session) throw new RunAlreadyActiveError(this.session.run.request);
    const run: ActiveRun = { request, phase: 'starting', requestNames: [], intervals: [] };
    const engine = this.spawn();
    this.living.add(engine);
    const session: Session = { run, engine, subscription: { dispose: () => undefined }, ended: false };
    this.session = session;
    session.subscription = engine.onEvent((event) => this.handle(session, event));
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
      session.run.phase = 'stopping';
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
    if (session) this.end(session, { type: 'failed', run: session.run, message: 'The run was cancelled because the window or the extension closed.' });
    for (const engine of this.living) engine.kill();
  }

  private handle(session: Session, event: EngineEvent): void {
    if (session.ended) return;
    const run = session.run;
    if ('runId' in event && event.runId !== undefined && event.runId !== run.request.runId) return;
    switch (event.type) {
      case 'run/started':
        if (run.phase === 'starting') run.phase = 'running';
        run.startTime = event.startTime;
        run.load = event.load;
        run.plannedDurationMs = event.plannedDurationMs;
        run.requestNames = event.requestNames;
        this.emit({ type: 'started', run });
        return;
      case 'run/interval':
        run.intervals.push(event.snapshot);
        this.emit({ type: 'interval', run, snapshot: event.snapshot });
        return;
      case 'run/threshold-abort':
        run.abortedBy = { rule: event.rule, target: event.target };
        this.emit({ type: 'threshold-abort', run, rule: event.rule, target: event.target });
        return;
      case 'run/finished':
        this.end(session, { type: 'finished', run, result: event.result });
        return;
      case 'run/error':
        this.end(session, { type: 'failed', run, message: runErrorMessage(event.code, event.message) });
        return;
      case 'run/log':
        // The launcher sends the engine's log to the output channel.
        return;
    }
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
      this.end(session, { type: 'failed', run, message });
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
      } catch {
        // A failing listener (a panel that was closed) must not stop the others or the run.
      }
    }
  }
}
