// Sends one prepared request with undici and reads the whole response: what "Send Request"
// shows, and what later `{{name.response...}}` references of Send Request read. Cookies and
// redirects as in a run (docs/scenario-format.md, "Sessions"): the same jar rules and the same
// next-hop rules (src/engine/cookie-jar.ts, src/engine/redirects.ts), one hop per undici request.
import { STATUS_CODES } from 'node:http';
import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { StoredResponse } from '../../../engine/captures';
import { setCookieValues, withJarCookies, type UserCookies } from '../../../engine/cookie-jar';
import { errorCodeOf } from '../../../engine/failure-text';
import { isRedirectStatus, MAX_REDIRECTS, nextHop, TOO_MANY_REDIRECTS, type Hop, type RedirectGuard } from '../../../engine/redirects';
import type { PreparedSend } from './prepare-request';

export interface SentExchange {
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
  body: Uint8Array;
  /** From the first send to the last byte of the final answer. */
  durationMs: number;
  /** Redirects followed to the final answer. */
  redirects: number;
  /** The URL of the final answer. */
  finalUrl: string;
  /** For later references to this request's response. */
  stored: StoredResponse;
}

/** What Send Request keeps between sends of a scenario file. */
export interface SendSession {
  /** The file's jar (one per scenario file for the window). */
  cookies?: UserCookies;
  /** Which origins a redirect may lead to; undefined = any. */
  redirectGuard?: RedirectGuard;
}

/** A failure before any status arrived, in words that group as the run's failures do. */
export class SendFailedError extends Error {
  override readonly name = 'SendFailedError';
}

const CONNECTION_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused: is the server running and listening on that port?',
  ENOTFOUND: 'the host name could not be resolved',
  ECONNRESET: 'the server closed the connection',
  UND_ERR_HEADERS_TIMEOUT: 'timed out waiting for the response headers',
  UND_ERR_BODY_TIMEOUT: 'timed out reading the response body',
  UND_ERR_CONNECT_TIMEOUT: 'timed out connecting',
};

interface HopAnswer {
  status: number;
  headers: Array<[string, string]>;
  body: Uint8Array;
}

async function sendHop(hop: Hop, prepared: PreparedSend, cookies: UserCookies | undefined, signal: AbortSignal | undefined): Promise<HopAnswer> {
  const url = hop.origin + hop.path;
  const jarCookies = cookies?.cookieHeader(url);
  const headers = jarCookies === undefined ? hop.headers : withJarCookies(hop.headers, jarCookies);
  try {
    const response = await request(url, {
      method: hop.method as 'GET',
      headers,
      body: hop.body ?? null,
      headersTimeout: prepared.timeoutMs,
      bodyTimeout: prepared.timeoutMs,
      signal,
    });
    const body = new Uint8Array(await response.body.arrayBuffer());
    const pairs: Array<[string, string]> = [];
    for (const [name, value] of Object.entries(response.headers)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) pairs.push([name, one]);
    }
    const set = cookies ? setCookieValues(pairs.flat()) : undefined;
    if (set) cookies?.store(url, set);
    return { status: response.statusCode, headers: pairs, body };
  } catch (error) {
    const code = errorCodeOf(error);
    const words = (code && CONNECTION_ERRORS[code]) ?? (error instanceof Error ? error.message : String(error));
    throw new SendFailedError(`${hop.method} ${url} failed${code ? ` (${code})` : ''}: ${words}`);
  }
}

function firstHop(prepared: PreparedSend): Hop {
  let url: URL;
  try {
    url = new URL(prepared.url);
  } catch {
    throw new SendFailedError(`${prepared.method} ${prepared.url} failed: that is not a URL`);
  }
  return { method: prepared.method, origin: url.origin, path: url.pathname + url.search, headers: prepared.headers, body: prepared.body };
}

export async function sendOnce(prepared: PreparedSend, session: SendSession = {}, signal?: AbortSignal): Promise<SentExchange> {
  const started = performance.now();
  const cookies = prepared.useCookieJar ? session.cookies : undefined;
  let hop = firstHop(prepared);
  let redirects = 0;
  for (;;) {
    const answer = await sendHop(hop, prepared, cookies, signal);
    const location = prepared.followRedirects && isRedirectStatus(answer.status) ? answer.headers.find(([name]) => name === 'location')?.[1] : undefined;
    if (location !== undefined) {
      if (redirects >= MAX_REDIRECTS) throw new SendFailedError(`${prepared.method} ${prepared.url} failed: ${TOO_MANY_REDIRECTS} (more than ${MAX_REDIRECTS})`);
      const next = nextHop(hop, answer.status, location, session.redirectGuard);
      if (typeof next === 'string') throw new SendFailedError(`${prepared.method} ${prepared.url} failed after ${answer.status} from ${hop.origin}${hop.path}: ${next}`);
      hop = next;
      redirects++;
      continue;
    }
    const durationMs = performance.now() - started;
    const rawHeaders = answer.headers.flatMap(([name, value]) => [Buffer.from(name), Buffer.from(value)]);
    const stored = new StoredResponse(Buffer.from(answer.body).toString('utf8'), rawHeaders);
    const statusText = STATUS_CODES[answer.status] ?? '';
    return { status: answer.status, statusText, headers: answer.headers, body: answer.body, durationMs, redirects, finalUrl: hop.origin + hop.path, stored };
  }
}
