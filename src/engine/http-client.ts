// Sending requests: `http://` over our own HTTP/1.1 connections (http1-transport.ts); `https://`
// over HTTP/2 where ALPN agrees on it (tls-transport.ts), else over one undici Pool (keep-alive,
// HTTP/1.1) per origin, driven through the low-level `dispatch` API with one small handler object
// per request (no promises, no streams, no closures).
// Bodies are read to the end and counted; a body is kept only when a capture needs it.
// Cookies and redirects live here, above the transports (docs/scenario-sessions.md, "Sessions"):
// every transport sends each hop of a chain through `transmit`, with the user's jar applied.

import { performance } from 'node:perf_hooks';
import { Pool, type Dispatcher } from 'undici';
import type { Deadlines, DeadlineList, Expirable } from './deadlines';
import { CAPTURE_BODY_LIMIT_BYTES, CAPTURE_BODY_TOO_LARGE, StoredResponse } from './captures';
import { setCookieValues, withJarCookies, type UserCookies } from './cookie-jar';
import { errorText } from './failure-text';
import { http1Parser, type Http1ParserClass } from './http1-parser';
import { Http1Origin, type Http1Request } from './http1-transport';
import { isRedirectStatus, locationOf, MAX_REDIRECTS, nextHop, TOO_MANY_REDIRECTS, type Hop, type RedirectGuard } from './redirects';
import { checkHeaders, requestTarget } from './request-head';
import { PROTOCOL_HTTP1, TlsOrigin, type TlsRequest, type TlsResponseHandler } from './tls-transport';

/** What the sender needs of a request, prepared once per run (see compile-requests.ts). */
export interface SendSpec {
  method: Dispatcher.HttpMethod;
  timeoutMs: number;
  timeoutText: string;
  /** Inclusive status ranges that count as success; undefined = any status below 400. */
  expect: ReadonlyArray<readonly [number, number]> | undefined;
  keepBody: boolean;
  keepHeaders: boolean;
  /** Follow 301/302/303/307/308 (false under `# @no-redirect`). */
  followRedirects: boolean;
}

export interface ExchangeOwner {
  onExchangeEnd(exchange: Exchange): void;
}

/**
 * One request to send. The sender reads it during `send` only, so a caller may fill the same
 * object again for its next request (a virtual user keeps one: no allocation per request).
 */
export interface OutgoingRequest {
  owner: ExchangeOwner;
  spec: SendSpec;
  /** `http://host:port` or `https://host:port`. */
  origin: string;
  /** Path and query as the templates expanded them; percent-encoded on the way out (request-head.ts). */
  path: string;
  /** Names and values alternating. */
  headers: string[];
  body: string | Buffer | undefined;
  /** When the request was due: latency is measured from here (docs/engine.md, latency). */
  dueAt: number;
  /** Now (performance.now()): the timeout runs from the actual send. */
  sentAt: number;
  /** The user's cookie jar; undefined under `# @no-cookie-jar`. */
  cookies: UserCookies | undefined;
}

class TimeoutError extends Error {}

/** Gives a hop that turned into a GET a spec of its own, one per compiled request (http1-transport.ts keys its bytes on it). */
const GET_SPECS = new WeakMap<SendSpec, SendSpec>();

function getSpecOf(spec: SendSpec): SendSpec {
  let found = GET_SPECS.get(spec);
  if (!found) GET_SPECS.set(spec, (found = { ...spec, method: 'GET' }));
  return found;
}

/** One request in flight, and its outcome once ended. Also undici's handler for it. */
export class Exchange implements Expirable, Hop {
  status = 0;
  contentBytes = 0;
  /** Redirects followed so far. */
  redirects = 0;
  /** The hop being sent: the request as written, then each redirect's (redirects.ts). */
  method: string;
  origin: string;
  path: string;
  /** As written (no jar cookies: transmit adds them per hop). */
  headers: string[];
  body: string | Buffer | undefined;
  readonly cookies: UserCookies | undefined;
  /** Set while the answer is a redirect to follow: its body is read and dropped. */
  private location: string | undefined;
  /** The protocol that carried it (PROTOCOL_HTTP1 or PROTOCOL_HTTP2 of tls-transport.ts). */
  protocol = PROTOCOL_HTTP1;
  /** Set when the request failed: the text for the failures table. */
  failure: string | undefined;
  /** When it ended (performance.now()). */
  endedAt = 0;
  chunks: Buffer[] | undefined;
  /** Bytes in `chunks`; past CAPTURE_BODY_LIMIT_BYTES the rest of the body is counted, not kept. */
  private keptBytes = 0;
  private bodyTooLarge = false;
  /** Names and values alternating: Buffers from undici (https), strings from http1-transport. */
  rawHeaders: ReadonlyArray<Buffer | string> | undefined;
  private abort: ((error?: Error) => void) | undefined;
  private ended = false;
  deadline = 0;
  prevDeadline: Expirable | undefined;
  nextDeadline: Expirable | undefined;
  deadlineList: DeadlineList | undefined;

  constructor(
    private readonly client: HttpClient,
    request: OutgoingRequest,
  ) {
    this.owner = request.owner;
    this.spec = request.spec;
    this.dueAt = request.dueAt;
    this.method = request.spec.method;
    this.origin = request.origin;
    this.path = request.path;
    this.headers = request.headers;
    this.body = request.body;
    this.cookies = request.cookies;
  }

  readonly owner: ExchangeOwner;
  readonly spec: SendSpec;
  /** When the request was due: latency is measured from here (docs/engine.md, latency). */
  readonly dueAt: number;

  onConnect(abort: (error?: Error) => void): void {
    if (this.ended) abort(new TimeoutError());
    else this.abort = abort;
  }

  onHeaders(statusCode: number, rawHeaders: ReadonlyArray<Buffer | string>): boolean {
    this.status = statusCode;
    const cookies = this.cookies;
    if (cookies !== undefined) {
      const set = setCookieValues(rawHeaders);
      if (set !== undefined) cookies.store(this.origin + this.path, set);
    }
    // A 3xx without a Location is an answer like any other (as fetch returns it).
    if (this.spec.followRedirects && isRedirectStatus(statusCode)) this.location = locationOf(rawHeaders);
    if (this.spec.keepHeaders) this.rawHeaders = rawHeaders;
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.location !== undefined) return true;
    this.contentBytes += chunk.length;
    if (this.spec.keepBody && !this.bodyTooLarge) {
      // The first CAPTURE_BODY_LIMIT_BYTES stay (Send Request shows them, src/engine/send-once.ts);
      // a capture still fails on the whole body being too large (storedResponse).
      const room = CAPTURE_BODY_LIMIT_BYTES - this.keptBytes;
      if (chunk.length > room) {
        this.bodyTooLarge = true;
        if (room > 0) (this.chunks ??= []).push(Buffer.from(chunk.subarray(0, room)));
        this.keptBytes = CAPTURE_BODY_LIMIT_BYTES;
      } else {
        this.keptBytes += chunk.length;
        (this.chunks ??= []).push(chunk);
      }
    }
    return true;
  }

  /** The plain-HTTP transport's count of a body it did not hand over (spec.keepBody is false). */
  onBodyLength(bytes: number): void {
    this.contentBytes += bytes;
  }

  onComplete(): void {
    this.complete(performance.now());
  }

  /** The plain-HTTP transport's onComplete, with the time it read for the answer (http1-transport.ts). */
  onCompleteAt(now: number): void {
    this.complete(now);
  }

  private complete(now: number): void {
    if (this.ended) return;
    if (this.location !== undefined) {
      this.follow(this.location);
      return;
    }
    const expect = this.spec.expect;
    const status = this.status;
    let ok = status < 400;
    if (expect) {
      ok = false;
      for (let i = 0; i < expect.length; i++) {
        const range = expect[i] as readonly [number, number];
        if (status >= range[0] && status <= range[1]) {
          ok = true;
          break;
        }
      }
    }
    if (!ok) this.failure = `HTTP ${status}`;
    this.end(now);
  }

  onError(error: Error): void {
    if (this.ended) return;
    this.failure = errorText(error);
    this.end();
  }

  /** The deadline passed: fail now and cut the request off. */
  expire(): void {
    if (this.ended) return;
    this.failure = this.spec.timeoutText;
    this.end();
    this.abort?.(new TimeoutError(this.spec.timeoutText));
  }

  /** The body as text, for captures (only kept when `keepBody`). */
  bodyText(): string | undefined {
    if (!this.chunks) return this.spec.keepBody && this.status > 0 ? '' : undefined;
    return Buffer.concat(this.chunks).toString('utf8');
  }

  /**
   * What captures may read of this exchange: nothing when it failed (a body cut short by a reset
   * or a timeout, an invalid answer, a status outside `@expect`), so that no later request is
   * built from a partial or error answer, nor from an older one.
   */
  storedResponse(): StoredResponse | undefined {
    if (this.failure !== undefined || this.status === 0) return undefined;
    return new StoredResponse(this.bodyTooLarge ? undefined : this.bodyText(), this.rawHeaders, this.bodyTooLarge ? CAPTURE_BODY_TOO_LARGE : undefined);
  }

  /** The answer was a redirect: send the next hop on the same exchange (same deadline, same clock). */
  private follow(location: string): void {
    this.location = undefined;
    if (this.redirects >= MAX_REDIRECTS) {
      this.failure = TOO_MANY_REDIRECTS;
      this.end();
      return;
    }
    const next = nextHop(this, this.status, location, this.client.redirectGuard);
    if (typeof next === 'string') {
      this.failure = next;
      this.end();
      return;
    }
    this.redirects++;
    this.method = next.method;
    this.origin = next.origin;
    this.path = next.path;
    this.headers = next.headers;
    this.body = next.body;
    this.status = this.contentBytes = this.keptBytes = 0;
    // The protocol shown is the last hop's: an h2 redirect to an http:// URL ends on HTTP/1.1.
    this.protocol = PROTOCOL_HTTP1;
    this.chunks = this.rawHeaders = this.abort = undefined;
    this.bodyTooLarge = false;
    this.client.transmit(this, { spec: next.method === this.spec.method ? this.spec : getSpecOf(this.spec), path: next.path, headers: next.headers, body: next.body });
  }

  private end(now = performance.now()): void {
    this.ended = true;
    this.endedAt = now;
    this.client.finished(this);
  }
}

export interface HttpClientOptions {
  insecure: boolean;
  /** `https://` offers HTTP/2 through ALPN; false with `# @http1` (HTTP/1.1 only). */
  http2?: boolean;
  /** The longest request timeout of the run: connecting must not give up before it. */
  longestTimeoutMs: number;
  /** VS Code runs: the origins a redirect may lead to (docs/scenario-sessions.md, "Redirects"); undefined = any. */
  redirectGuard?: RedirectGuard;
}

export class HttpClient {
  private readonly pools = new Map<string, Pool>();
  /** Plain-HTTP origins: our own keep-alive connections (http1-transport.ts), the fast path. */
  private readonly http1Origins = new Map<string, Http1Origin>();
  /** `https://` origins that offer HTTP/2 (tls-transport.ts). */
  private readonly tlsOrigins = new Map<string, TlsOrigin>();
  inFlight = 0;
  /** After a hard stop, requests still ending are not counted (they were cut off by the stop). */
  private discarding = false;

  /** Node's HTTP/1.1 parser for `http://` (http1-transport.ts); undefined: undici serves it. */
  private readonly http1Parser = http1Parser();

  constructor(
    private readonly options: HttpClientOptions,
    private readonly deadlines: Deadlines,
  ) {}

  private pool(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        pipelining: 1,
        keepAliveTimeout: 10_000,
        // Our own timeout covers the whole exchange; undici's partial ones must not fire first.
        headersTimeout: 0,
        bodyTimeout: 0,
        connect: { rejectUnauthorized: !this.options.insecure, timeout: this.options.longestTimeoutMs + 1000 },
      });
      this.pools.set(origin, pool);
    }
    return pool;
  }

  private http1(origin: string, parser: Http1ParserClass): Http1Origin {
    let connections = this.http1Origins.get(origin);
    if (!connections) {
      connections = new Http1Origin(origin, performance.now.bind(performance), parser);
      this.http1Origins.set(origin, connections);
    }
    return connections;
  }

  get redirectGuard(): RedirectGuard {
    return this.options.redirectGuard;
  }

  private tls(origin: string): TlsOrigin {
    let connections = this.tlsOrigins.get(origin);
    if (!connections) {
      const options = { insecure: this.options.insecure, connectTimeoutMs: this.options.longestTimeoutMs + 1000, now: performance.now.bind(performance) };
      connections = new TlsOrigin(origin, options, (handler, request) => this.sendHttp1(origin, handler as Exchange, request));
      this.tlsOrigins.set(origin, connections);
    }
    return connections;
  }

  /** Through undici's pool for `origin` (HTTP/1.1); a request that cannot go out fails alone. */
  private sendHttp1(origin: string, exchange: Exchange, request: TlsRequest): void {
    try {
      // The same checks as http1-transport.ts, so both refuse the same requests with the same text.
      checkHeaders(request.headers);
      const path = requestTarget(request.path);
      this.pool(origin).dispatch({ origin, path, method: request.spec.method as Dispatcher.HttpMethod, headers: request.headers, body: request.body ?? null }, exchange);
    } catch (error) {
      exchange.onError(error instanceof Error ? error : new Error(String(error)));
    }
  }

  send(request: OutgoingRequest): void {
    const exchange = new Exchange(this, request);
    this.inFlight++;
    this.deadlines.add(exchange, request.spec.timeoutMs, request.sentAt);
    this.transmit(exchange, request);
  }

  /**
   * Sends one hop of `exchange` through the transport of its origin, with the user's cookies for
   * its URL. `hop` is what http1-transport.ts reads: the request itself for the first hop.
   */
  transmit(exchange: Exchange, hop: Http1Request): void {
    const origin = exchange.origin;
    let { headers } = hop;
    const cookies = exchange.cookies;
    // A user whose server never set a cookie pays this one comparison.
    if (cookies !== undefined && cookies.holdsCookies) {
      const jarCookies = cookies.cookieHeader(origin + exchange.path);
      if (jarCookies !== undefined) {
        headers = withJarCookies(headers, jarCookies);
        hop = { spec: hop.spec, path: hop.path, headers, body: hop.body, sentAt: hop.sentAt };
      }
    }
    try {
      const parser = this.http1Parser;
      if (parser && origin.startsWith('http://')) {
        this.http1(origin, parser).send(exchange, hop);
      } else if (this.options.http2 && origin.startsWith('https://')) {
        this.tls(origin).send(exchange satisfies TlsResponseHandler, hop);
      } else {
        this.sendHttp1(origin, exchange, hop);
      }
    } catch (error) {
      // A request that cannot be sent as built, or an origin undici cannot use (a bad URL), fails
      // this request rather than the run.
      exchange.onError(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /**
   * Opens `count` idle connections to `origin` before the run starts (docs/engine.md, Requests).
   * Plain HTTP only: undici's pools (https) open theirs on the first requests.
   */
  preconnect(origin: string, count: number): Promise<void> {
    const parser = this.http1Parser;
    return parser && origin.startsWith('http://') && count > 0 ? this.http1(origin, parser).preconnect(count) : Promise.resolve();
  }

  /** Called once per exchange when it ends, whatever the outcome. */
  finished(exchange: Exchange): void {
    this.inFlight--;
    this.deadlines.remove(exchange);
    if (!this.discarding) exchange.owner.onExchangeEnd(exchange);
  }

  /** Cuts off everything in flight (not counted) and closes every connection. */
  async destroy(): Promise<void> {
    this.discarding = true;
    const pools = [...this.pools.values()];
    this.pools.clear();
    for (const connections of this.http1Origins.values()) connections.destroy(new Error('run stopped'));
    this.http1Origins.clear();
    for (const connections of this.tlsOrigins.values()) connections.destroy(new Error('run stopped'));
    this.tlsOrigins.clear();
    await Promise.allSettled(pools.map((pool) => pool.destroy()));
  }
}
