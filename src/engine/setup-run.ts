// The `# @setup` sequence (docs/scenario-tasks.md, "Per-user start and run-once setup"): run once,
// in the engine's main thread, before any worker starts, by one virtual user on its own
// connections. Its requests count in the run's stats (folded into the first interval by
// src/engine/engine-run.ts); the responses its captures need go to every worker, read-only.

import type { IntervalPartial } from '../core/metrics/partial';
import type { RequestBlock } from '../core/scenario/model';
import type { SharedResponse } from './captures';
import { compileScenario } from './compile-requests';
import { DataFeed } from './data-feed';
import { LoadDriver } from './drivers';
import type { PreparedRun } from './prepare';
import { VirtualUser, type SequenceFailure } from './virtual-user';

export interface SetupOutcome {
  /** What the setup requests counted. */
  partial: IntervalPartial;
  /** The request that failed, and why: then no load may start. */
  failure?: SequenceFailure;
  /** Stopped from outside before the sequence ended. */
  stopped: boolean;
  /** The kept responses of the setup requests, for every user's captures. */
  responses: SharedResponse[];
}

/** The setup user's random stream: apart from the users' (0, 1, 2...) and the open model's slots (2^24 + n). */
const SETUP_STREAM = 2 ** 30;

class SetupDriver extends LoadDriver {
  readonly timeFromDue = false;
  readonly onStartEveryIteration = false;
  private user: VirtualUser | undefined;
  private inProgress = false;
  private ended!: () => void;
  /** Resolves when the sequence has ended, or a stop ended the wait for it. */
  readonly sequenceDone = new Promise<void>((resolve) => (this.ended = resolve));

  protected get running(): number {
    return this.inProgress ? 1 : 0;
  }

  protected begin(): void {
    this.user = new VirtualUser(this, this.newRandom(SETUP_STREAM));
    this.inProgress = true;
    this.user.runSequence(this.compiled.setup ?? [], this.now());
  }

  iterationEnded(): void {
    this.inProgress = false;
    this.ended();
    this.checkDrained();
  }

  protected halt(): boolean {
    // A stop cuts the sequence off: the requests in flight are not counted (HttpClient.destroy).
    this.ended();
    return !this.inProgress;
  }

  get failure(): SequenceFailure | undefined {
    return this.user?.sequenceFailure;
  }

  responses(): SharedResponse[] {
    const user = this.user;
    if (!user) return [];
    const shared: SharedResponse[] = [];
    for (const index of this.compiled.setup ?? []) {
      const response = user.responses[index];
      if (response) shared.push(response.toShared(index));
    }
    return shared;
  }
}

export class SetupRun {
  private readonly driver: SetupDriver;
  private stopped = false;

  /** Compiles the scenario as a worker does; throws ExpansionLimitError as a worker would report it. */
  constructor(prepared: PreparedRun, insecure: boolean, redirectOrigins?: readonly string[]) {
    this.driver = new SetupDriver({
      compiled: compileScenario(prepared.scenario, prepared),
      feeds: prepared.data.map((file) => new DataFeed(file)),
      load: prepared.load,
      think: undefined,
      seed: prepared.seed,
      workerIndex: 0,
      workerCount: 1,
      insecure,
      redirectOrigins,
    });
  }

  async run(): Promise<SetupOutcome> {
    this.driver.start(this.driver.now());
    await this.driver.sequenceDone;
    const failure = this.driver.failure;
    const responses = this.driver.responses();
    await this.driver.stop(0);
    const outcome: SetupOutcome = { partial: this.driver.takePartial(), stopped: this.stopped, responses };
    if (failure && !this.stopped) outcome.failure = failure;
    return outcome;
  }

  /** A stop from outside (SIGINT, the parent's run/stop): requests in flight are cut off. */
  stop(): void {
    this.stopped = true;
    // A failure here reaches the engine's uncaughtException handler (src/engine/main.ts) as run/error.
    void this.driver.stop(0);
  }
}

/** The words of a failed setup: which request (as every table names it, and its line) and why. */
export function setupFailureText(request: RequestBlock | undefined, reason: string): string {
  const where = request ? `'${request.statsName}' (line ${request.requestLineRange.start.line + 1})` : 'a request';
  return `the @setup request ${where} failed: ${reason}`;
}
