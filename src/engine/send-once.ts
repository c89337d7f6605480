// One request sent alone, outside a run (VS Code's "Send Request"), through the engine's own
// HttpClient: the transports a run uses (HTTP/2 over TLS where ALPN agrees on it, HTTP/1.1 under
// `# @http1`), the redirect hops and guard of redirects.ts, and the jar rules of cookie-jar.ts,
// applied by the same Exchange a virtual user's request goes through. So what Send Request shows
// is what a run sends. The whole answer is read for display, its kept body capped as a capture's.
import { STATUS_CODES } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Dispatcher } from 'undici';
import { failureWords } from '../core/present/failure-words';
import type { StoredResponse } from './captures';
import { splitUrl } from './compile-requests';
import type { UserCookies } from './cookie-jar';
import { Deadlines } from './deadlines';
import { timeoutText } from './failure-text';
import { HttpClient, type Exchange, type SendSpec } from './http-client';
import { MAX_REDIRECTS, TOO_MANY_REDIRECTS, type RedirectGuard } from './redirects';
import { PROTOCOL_HTTP2 } from './tls-transport';

/** One request, its templates already rendered (src/vscode/run/send/prepare-request.ts). */
export interface SingleRequest {
  method: string;
  url: string;
  /** `[name, value, name, value...]`. */
  headers: string[];
  body: Buffer | undefined;
  timeoutMs: number;
  /** False under `# @no-redirect` (the header's or the request's). */
  followRedirects: boolean;
  /** False under `# @no-cookie-jar` (the header's or the request's). */
  useCookieJar: boolean;
  /** `# @http1`: `https://` does not offer HTTP/2. */
  http1Only: boolean;
}

/** What is kept between sends of one scenario file. */
export interface SendSession {
  /** The file's jar; undefined = no cookies kept. */
  cookies?: UserCookies;
  /** Which origins a redirect may lead to; undefined = any. */
  redirectGuard?: RedirectGuard;
  /** Accept self-signed certificates (the CLI's `--insecure`); false by default. */
  insecure?: boolean;
}

export interface SentExchange {
  status: number;
  statusText: string;
  /** `1.1` or `2`: the protocol of the final answer, as a status line writes it (`HTTP/2 200`). */
  httpVersion: string;
  /** In the order received, names as the server sent them. */
  headers: Array<[string, string]>;
  /** The body's first CAPTURE_BODY_LIMIT_BYTES (src/engine/captures.ts); `bodyBytes` counts all of it. */
  body: Uint8Array;
  bodyBytes: number;
  /** From the first send to the last byte of the final answer. */
  durationMs: number;
  /** Redirects followed to the final answer. */
  redirects: number;
  /** The URL of the final answer. */
  finalUrl: string;
  /** For later `{{name.response...}}` references (a body over the capture limit fails them, as in a run). */
  stored: StoredResponse;
}

/** Every status is an answer to show: `@expect` does not apply to a request sent alone. */
const ANY_STATUS: ReadonlyArray<readonly [number, number]> = [[0, 999]];

/** A request that got no complete answer, in words that group as the run's failures do. */
export class SendFailedError extends Error {
  override readonly name = 'SendFailedError';
}

function failureText(request: SingleRequest, exchange: Exchange): string {
  const failure = exchange.failure ?? 'no answer';
  const sent = `${request.method} ${request.url} failed`;
  if (failure === TOO_MANY_REDIRECTS) return `${sent}: ${TOO_MANY_REDIRECTS} (more than ${MAX_REDIRECTS})`;
  // An answer came (a redirect that may not be followed, or a body cut short): say which hop gave it.
  if (exchange.status > 0) return `${sent} after ${exchange.status} from ${exchange.origin}${exchange.path}: ${failure}`;
  const at = exchange.redirects > 0 ? ` at ${exchange.origin}${exchange.path} (after ${exchange.redirects} redirect${exchange.redirects === 1 ? '' : 's'})` : '';
  const words = failureWords(failure);
  return words === undefined ? `${sent}${at}: ${failure}` : `${sent}${at} (${failure}): ${words}`;
}

function answerOf(exchange: Exchange, sentAt: number): SentExchange {
  const raw = exchange.rawHeaders ?? [];
  const headers: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) headers.push([String(raw[i]), String(raw[i + 1])]);
  const stored = exchange.storedResponse();
  if (!stored) throw new Error('an answered exchange has a stored response');
  return {
    status: exchange.status,
    statusText: STATUS_CODES[exchange.status] ?? '',
    httpVersion: exchange.protocol === PROTOCOL_HTTP2 ? '2' : '1.1',
    headers,
    body: exchange.chunks ? Buffer.concat(exchange.chunks) : new Uint8Array(0),
    bodyBytes: exchange.contentBytes,
    durationMs: exchange.endedAt - sentAt,
    redirects: exchange.redirects,
    finalUrl: exchange.origin + exchange.path,
    stored,
  };
}

/** Sends `request` with a client of its own (closed after), and resolves with the final answer. */
export async function sendOnce(request: SingleRequest, session: SendSession = {}): Promise<SentExchange> {
  // Split as a run splits a rendered URL (virtual-user.ts), so the path goes out as a run sends it.
  const split = splitUrl(request.url);
  if (!split) throw new SendFailedError(`${request.method} ${request.url} failed: that is not an http:// or https:// URL`);
  const now = performance.now.bind(performance);
  const deadlines = new Deadlines(now, 20);
  const client = new HttpClient(
    { insecure: session.insecure ?? false, http2: !request.http1Only, longestTimeoutMs: request.timeoutMs, redirectGuard: session.redirectGuard },
    deadlines,
  );
  const spec: SendSpec = {
    method: request.method as Dispatcher.HttpMethod,
    timeoutMs: request.timeoutMs,
    timeoutText: timeoutText(request.timeoutMs),
    expect: ANY_STATUS,
    keepBody: true,
    keepHeaders: true,
    followRedirects: request.followRedirects,
  };
  const sentAt = now();
  try {
    const exchange = await new Promise<Exchange>((resolve) => {
      client.send({
        owner: { onExchangeEnd: resolve },
        spec,
        origin: split[0],
        path: split[1],
        headers: request.headers,
        body: request.body,
        dueAt: sentAt,
        sentAt,
        cookies: request.useCookieJar ? session.cookies : undefined,
      });
    });
    if (exchange.failure !== undefined) throw new SendFailedError(failureText(request, exchange));
    return answerOf(exchange, sentAt);
  } finally {
    deadlines.close();
    await client.destroy();
  }
}
