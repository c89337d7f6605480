// The coordinator's HTTP side of the shard protocol (src/core/protocol/shard.ts): one port, JSON
// bodies of bounded size, the shared token checked in constant time on every request.

import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { SHARD_PATH_PREFIX, SHARD_TOKEN_HEADER } from '../../core/protocol/shard';

/** A shard's finished result holds its per-second partials: generous, but bounded. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** The request's connection: a join is held until every shard joined, and its shard may hang up meanwhile. */
export interface ShardConnection {
  /** True once the shard hung up without an answer. */
  gone(): boolean;
  onGone(listener: () => void): void;
}

export type ShardRoute = (body: unknown, reply: (status: number, answer: unknown) => void, connection: ShardConnection) => void;

function connectionOf(res: ServerResponse): ShardConnection {
  let gone = false;
  const listeners: Array<() => void> = [];
  res.on('close', () => {
    if (res.writableFinished) return;
    gone = true;
    for (const listener of listeners.splice(0)) listener();
  });
  return { gone: () => gone, onGone: (listener) => listeners.push(listener) };
}

function sameToken(given: string | undefined, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return given !== undefined && timingSafeEqual(digest(given), digest(expected));
}

function send(res: ServerResponse, status: number, answer: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  const text = JSON.stringify(answer);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new Error('not JSON'));
      }
    });
    req.on('error', reject);
  });
}

export function createShardServer(routes: Record<string, ShardRoute>, token: string | undefined): Server {
  return createServer((req, res) => {
    if (token !== undefined && !sameToken(req.headers[SHARD_TOKEN_HEADER] as string | undefined, token)) {
      req.resume();
      send(res, 401, { error: 'the shard token is missing or wrong: set LOADLENS_SHARD_TOKEN to the coordinator\'s token' });
      return;
    }
    const path = (req.url ?? '').split('?')[0] ?? '';
    const route = req.method === 'POST' && path.startsWith(`${SHARD_PATH_PREFIX}/`) ? routes[path.slice(SHARD_PATH_PREFIX.length + 1)] : undefined;
    if (!route) {
      req.resume();
      send(res, 404, { error: `not a shard protocol request: this coordinator speaks ${SHARD_PATH_PREFIX}; run the same Loadlens version everywhere` });
      return;
    }
    const connection = connectionOf(res);
    readBody(req).then(
      (body) => {
        // A body the checks let through and a route then trips on is that request's fault: it gets
        // a 400 and the run goes on (an unhandled rejection would end the coordinator and its run).
        try {
          route(body, (status, answer) => send(res, status, answer), connection);
        } catch {
          send(res, 400, { error: 'the request body cannot be used: it does not match this Loadlens\'s shard protocol; run the same version everywhere' });
        }
      },
      (error: Error) => send(res, 400, { error: `the request body is ${error.message}` }),
    );
  });
}
