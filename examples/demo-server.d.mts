// Types for examples/demo-server.mjs (plain Node, so that `node examples/demo-server.mjs` needs no build).

export interface DemoServerOptions {
  /** Default 8888, as in examples/*.load.http; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the demo never listens beyond loopback. */
  host?: string;
  /** Share of requests that take `slowLatencyMs` (default 0.01). */
  slowRatio?: number;
  /** Usual latency range in ms (default [2, 8]). */
  baseLatencyMs?: [number, number];
  /** Latency range of a slow call in ms (default [200, 400]). */
  slowLatencyMs?: [number, number];
  random?: () => number;
}

export interface DemoServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function startDemoServer(options?: DemoServerOptions): Promise<DemoServer>;
