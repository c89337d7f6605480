// Shared by the engine tests: a real engine (dist/engine.js) against real servers on 127.0.0.1:0.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Server as NetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RunResult } from '../../src/core/metrics/result';
import { ENGINE_PROTOCOL_VERSION, type EngineEvent, type RunOptions } from '../../src/core/protocol/engine';
import { chooseHttp1Parser, type Http1ParserClass } from '../../src/engine/http1-parser';
import { runToCompletion, spawnEngine, type EngineHandle, type StartCommand } from '../../src/engine/spawn';

const root = resolve(__dirname, '../..');

/** The engine tests run the built engine; build it when a plain `node --test` runs them first. */
export function ensureBuilt(): void {
  if (!existsSync(join(root, 'dist/engine.js')) || !existsSync(join(root, 'dist/engine-worker.js'))) {
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'ignore' });
  }
}

/** Node's HTTP/1 parser, for tests that drive http1-transport.ts directly (it must pass its self-test here). */
export function nodeHttp1Parser(): Http1ParserClass {
  const { parser, problem } = chooseHttp1Parser({});
  if (!parser) throw new Error(`Node's HTTP parser is not usable here: ${problem}`);
  return parser;
}

export interface TestServer {
  port: number;
  url: string;
  /** Requests received, by path (without query). */
  hits: Map<string, number>;
  total(): number;
  close(): Promise<void>;
}

export function startServer(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<TestServer> {
  const hits = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] as string;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => handler(req, res, body));
  });
  return listening(server).then((port) => ({
    port,
    url: `http://127.0.0.1:${port}`,
    hits,
    total: () => [...hits.values()].reduce((a, b) => a + b, 0),
    close: () => closeServer(server),
  }));
}

export function listening(server: Server | NetServer): Promise<number> {
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done((server.address() as AddressInfo).port)));
}

export function closeServer(server: Server | NetServer): Promise<void> {
  if ('closeAllConnections' in server) server.closeAllConnections();
  return new Promise((done) => server.close(() => done()));
}

/** A folder for a scenario and its data files, removed by `cleanup`. */
export function scenarioFolder(files: Record<string, string> = {}): { dir: string; path: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'loadlens-engine-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { dir, path: join(dir, 'test.load.http'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function startCommand(scenarioText: string, options: RunOptions = {}, scenarioPath = join(tmpdir(), 'inline.load.http')): StartCommand {
  return { type: 'run/start', protocolVersion: ENGINE_PROTOCOL_VERSION, runId: `test-${Date.now()}`, scenarioPath, scenarioText, options };
}

export interface Run {
  result: RunResult;
  events: EngineEvent[];
  handle: EngineHandle;
}

/** Runs a scenario to the end in a fresh engine and collects every event. */
export async function runScenario(scenarioText: string, options: RunOptions = {}, scenarioPath?: string): Promise<Run> {
  ensureBuilt();
  const handle = spawnEngine({ onLog: (line) => process.stderr.write(`[engine] ${line}\n`) });
  const events: EngineEvent[] = [];
  handle.onEvent((event) => events.push(event));
  try {
    const result = await runToCompletion(handle, startCommand(scenarioText, options, scenarioPath));
    await handle.exited;
    return { result, events, handle };
  } finally {
    handle.kill();
  }
}

/**
 * A header value and a URL built from an environment value with CR/LF (`injectionEnv`): the
 * header must be refused (`invalid header value`), the URL percent-encoded, on every transport.
 */
export const HEADER_INJECTION_LINES = [
  '@evil = a{{$processEnv LOADLENS_TEST_CRLF}}b',
  '',
  '### bad header',
  'GET /h',
  'X-Evil: {{evil}}',
  '',
  '### wide',
  'GET /w?q=中文&v={{evil}}',
];
export const injectionEnv = { LOADLENS_TEST_CRLF: '\r\nX-Injected: 1' };
/** The path HEADER_INJECTION_LINES's `wide` request arrives with. */
export const INJECTION_ENCODED_PATH = '/w?q=%E4%B8%AD%E6%96%87&v=aX-Injected:%201b';

export function endpoint(result: RunResult, name: string) {
  const found = result.endpoints.find((e) => e.name === name);
  if (!found) throw new Error(`no endpoint ${name} in ${result.endpoints.map((e) => e.name).join(', ')}`);
  return found;
}

export function failureCount(result: RunResult, name: string, error: string): number {
  return result.failures.filter((f) => f.name === name && f.error === error).reduce((sum, f) => sum + f.occurrences, 0);
}

/**
 * A short closed-model scenario against `url`: one user (or `users`) for 1 s, with a stop timeout
 * so that every request started is counted; then `lines` (header directives and request blocks).
 */
export function shortRun(url: string, lines: string[], users = 1): string {
  return [`# @host ${url}`, `# @users ${users}`, '# @run-time 1s', '# @stop-timeout 5s', ...lines].join('\n');
}
