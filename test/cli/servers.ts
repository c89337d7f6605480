// Targets for the CLI tests: the demo hospital API, and tiny servers with one behaviour each.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before } from 'node:test';
import type { DemoServer } from '../../examples/demo-server.mjs';
import { ensureBuilt, tempDir } from './helpers';

export interface TestServer {
  url: string;
  /** Requests received so far. */
  readonly requests: number;
  close(): Promise<void>;
}

export async function startDemo(): Promise<DemoServer> {
  const { startDemoServer } = await import('../../examples/demo-server.mjs');
  // No random slow calls: the tests' thresholds must not depend on luck.
  return startDemoServer({ port: 0, slowRatio: 0 });
}

/**
 * For a suite that runs the CLI against the demo API: the built CLI, a demo server and a
 * temporary folder, made before the suite's tests and removed after them.
 */
export function demoForSuite(): { dir: ReturnType<typeof tempDir>; url(): string } {
  const dir = tempDir();
  let demo: DemoServer | undefined;
  before(async () => {
    ensureBuilt();
    demo = await startDemo();
  });
  after(async () => {
    await demo?.close();
    dir.remove();
  });
  return { dir, url: () => demo?.url ?? '' };
}

/** A loopback server on port 0 that answers every request with `handler`. */
export async function startServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<TestServer> {
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    req.resume();
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Answers `status` after `delayMs`. */
export function answer(status: number, delayMs = 0) {
  return (_req: IncomingMessage, res: ServerResponse) => {
    setTimeout(() => {
      res.writeHead(status, { 'Content-Type': 'text/plain' });
      res.end(status < 400 ? 'ok' : 'failed');
    }, delayMs);
  };
}
