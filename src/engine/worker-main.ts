// Entry of a load-generating worker thread (dist/engine-worker.js): builds the run from its setup,
// starts at the agreed time, answers each `flush` with its partial metrics and ends on `stop`.

import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { StoredResponse } from './captures';
import { compileScenario } from './compile-requests';
import { ExpansionLimitError } from './compile-template';
import { DataFeed } from './data-feed';
import { GeneratorMeter } from './generator-meter';
import { createDriver } from './drivers';
import type { IntervalPartial } from '../core/metrics/partial';
import type { FromWorker, ToWorker, WorkerSetup } from './worker-protocol';

function post(message: FromWorker): void {
  parentPort?.postMessage(message);
}

function main(): void {
  const port = parentPort;
  if (!port) throw new Error('engine-worker runs as a worker thread of the engine');
  const setup = workerData as WorkerSetup;
  const { scenario } = setup;
  const driver = createDriver({
    compiled: compileScenario(scenario, setup),
    feeds: setup.data.map((share) => new DataFeed(share)),
    load: setup.load,
    think: scenario.think,
    seed: setup.seed,
    workerIndex: setup.part.index,
    workerCount: setup.part.count,
    insecure: setup.insecure,
    setupResponses: setup.setupResponses.map((shared) => [shared.index, StoredResponse.fromShared(shared)] as const),
    redirectOrigins: setup.redirectOrigins,
  });
  // Started with the run's clock: the warm-up and the first connections are not the run's load.
  let meter: GeneratorMeter | undefined;
  const partial = (): IntervalPartial => {
    const taken = driver.takePartial();
    const generator = meter?.take();
    if (generator) taken.generator = generator;
    return taken;
  };
  port.on('message', (message: ToWorker) => {
    switch (message.type) {
      case 'start': {
        // Align on the shared start time, expressed on this thread's monotonic clock.
        const startedAt = performance.now() + (message.startAt - Date.now());
        setTimeout(() => {
          meter = new GeneratorMeter();
          driver.start(startedAt);
        }, Math.max(0, startedAt - performance.now()));
        break;
      }
      case 'flush':
        post({ type: 'partial', seq: message.seq, partial: partial() });
        break;
      case 'stop':
        driver.stop(message.graceMs).then(
          () => {
            post({ type: 'stopped', partial: partial() });
            meter?.stop();
          },
          (error: unknown) => post({ type: 'failed', message: String(error) }),
        );
        break;
      case 'end-grace':
        driver.endGraceNow();
        break;
    }
  });
  // Ready once the connections for the first second are open: the run's clock starts after that.
  driver.prepare().then(
    () => post({ type: 'ready' }),
    (error: unknown) => post({ type: 'failed', message: String(error) }),
  );
}

try {
  main();
} catch (error) {
  // A scenario beyond the limits is the user's to fix, in words; anything else is a bug, with its stack.
  if (error instanceof ExpansionLimitError) post({ type: 'failed', message: error.message, scenarioProblem: true });
  else post({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
