// Entry of the engine child process (dist/engine.js), forked by spawnEngine(). It speaks the
// engine protocol over IPC, runs one run, and exits. It never outlives its parent: when the IPC
// channel closes (the parent exited or died), it exits at once. SIGINT and SIGTERM stop the run
// as the parent's `run/stop` does, so that its result still reaches the parent.

import { onInterrupt } from './interrupts';
import { join } from 'node:path';
import { ENGINE_PROTOCOL_VERSION, type EngineEvent } from '../core/protocol/engine';
import { isEngineCommand } from '../core/protocol/guards';
import { redactDeep } from '../core/plan/secrets';
import { EngineRun } from './engine-run';

const WORKER_ENTRY = join(__dirname, 'engine-worker.js');

/** Resolves when the last message sent so far has been handed to the IPC channel. */
let flushed: Promise<void> = Promise.resolve();

function send(event: EngineEvent, then?: () => void): void {
  if (!process.connected || !process.send) {
    then?.();
    return;
  }
  const sender = process.send.bind(process);
  flushed = new Promise((resolve) => {
    sender(event, undefined, {}, () => {
      resolve();
      then?.();
    });
  });
}

function exitAfter(event: EngineEvent, code: number): void {
  send(event, () => process.exit(code));
}

function main(): void {
  if (!process.send) {
    process.stderr.write('dist/engine.js is the Loadlens engine: it is started by the CLI or the extension, not by hand.\n');
    process.exit(2);
  }
  process.on('disconnect', () => process.exit(0));
  let run: EngineRun | undefined;
  let stopBeforeStart = false;
  // Ctrl-C in a terminal and `timeout`/CI/Kubernetes signal the whole process group, this child
  // included; a signal may also reach this process alone. Either way the run stops cleanly and its
  // result goes to the parent (EngineRun.stop() takes one interrupt that arrives twice as one).
  const interrupt = (): void => {
    if (run) run.stop();
    else stopBeforeStart = true;
  };
  onInterrupt(interrupt);
  process.on('uncaughtException', (error) => {
    exitAfter(redactDeep({ type: 'run/error', code: 'internal', message: error.message, detail: error.stack }, run?.secrets ?? []), 3);
  });
  process.on('message', (message: unknown) => {
    if (!isEngineCommand(message)) {
      send({ type: 'run/log', level: 'warn', message: `engine: ignored a message it does not understand` });
      return;
    }
    switch (message.type) {
      case 'run/start': {
        if (run) {
          send({ type: 'run/log', level: 'warn', message: 'engine: a run is already in progress; run/start ignored' });
          return;
        }
        if (message.protocolVersion !== ENGINE_PROTOCOL_VERSION) {
          const text = `the caller speaks engine protocol ${message.protocolVersion}, this engine ${ENGINE_PROTOCOL_VERSION}`;
          exitAfter({ type: 'run/error', runId: message.runId, code: 'protocol-mismatch', message: text }, 3);
          return;
        }
        // The one way out of the engine: private environment values never cross it (docs/security.md).
        run = new EngineRun(message, (event) => send(redactDeep(event, run?.secrets ?? [])), WORKER_ENTRY);
        if (stopBeforeStart) run.stop();
        // Messages are delivered in order: once the last one is out, every result has reached the parent.
        // run() reports its own failures as run/error; anything else rejecting here reaches the
        // uncaughtException handler above (Node raises an unhandled rejection as one), also a run/error.
        void run
          .run()
          .then(() => flushed)
          .then(() => process.exit(0));
        break;
      }
      case 'run/stop':
        if (run) run.stop();
        else process.exit(0);
        break;
    }
  });
}

main();
