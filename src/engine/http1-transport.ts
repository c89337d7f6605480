// Plain-HTTP (http://) requests without undici: one socket per connection, Node's own native
// llhttp parser (the one node:http uses), and each request's bytes serialized once and reused
// while its path, headers and body stay the same. Why: undici defers every request on a reused
// keep-alive socket to the next event-loop turn and builds a Request and header Buffers per
// request; measured on the benchmark (docs/performance-engine.md), a bare loop over undici
// Clients reached 0.93x autocannon and the same loop over a socket and this parser 1.33x.
// https:// still goes through undici (http-client.ts), and so does http:// where the parser fails
// its start-up self-test (http1-parser.ts).
//
// This file: the connections to one origin (which one takes a request, how many are being
// opened, the idle ones) and each request's bytes. One connection: http1-connection.ts.

import { connectionError, Http1Connection, type ConnectionOwner, type ResponseHandler } from './http1-connection';
import type { Http1ParserClass } from './http1-parser';
import { checkHeaders, InvalidRequestError, requestTarget } from './request-head';

export type { ResponseHandler } from './http1-connection';

/** A connection idle this long is closed rather than reused: servers often drop idle ones after 5 s
 *  (Node's default), and a request written as the server closes would fail for nothing. */
const IDLE_REUSE_LIMIT_MS = 4000;
/**
 * At most this many connections are being opened at once per origin; requests beyond wait for the
 * first connection that is free. An open model's first burst (thousands of arrivals per second,
 * no connection yet) would otherwise open one connection per arrival, a connect storm that the
 * server must accept all at once. Latency still runs from each request's due time.
 */
const MAX_CONNECTING = 32;
/** A method is a token (RFC 9110), checked like header names (request-head.ts). */
const METHOD = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** What one request is made of; `spec` (its compiled form) keys the bytes kept for reuse. */
export interface Http1Request {
  /** `keepBody`: its handler needs the body's bytes (captures, checks), not just their count. */
  readonly spec: { readonly method: string; readonly keepBody?: boolean };
  readonly path: string;
  readonly headers: string[];
  readonly body: string | Buffer | undefined;
  /** When the caller read the origin's clock to send it; absent: the origin reads the clock itself. */
  readonly sentAt?: number;
}

interface WaitingRequest {
  handler: ResponseHandler;
  isHead: boolean;
  keepBody: boolean;
  bytes: Buffer | string;
}

interface SerializedRequest {
  method: string;
  path: string;
  headers: string[];
  body: string | Buffer | undefined;
  /**
   * A head without body stays a string the first time (a templated request changes every time: it
   * is written as it is, without a Buffer); sent again unchanged, it is encoded once and kept.
   */
  bytes: Buffer | string;
}

/** The connections to one `http://host:port` origin: idle ones on a stack (the most recent first). */
export class Http1Origin implements ConnectionOwner {
  private readonly host: string;
  private readonly port: number;
  private readonly hostHeader: string;
  private readonly HTTPParser: Http1ParserClass;
  private readonly idle: Http1Connection[] = [];
  private readonly open = new Set<Http1Connection>();
  private connectingCount = 0;
  /** Requests waiting for a connection (only while MAX_CONNECTING are being opened), oldest first. */
  private waiting: WaitingRequest[] = [];
  private waitingHead = 0;
  /** The last bytes sent per request (keyed by its compiled spec), reused while nothing changed. */
  private readonly serialized = new Map<object, SerializedRequest>();
  /** Connections still to open ahead of the first request (preconnect), and who waits for them. */
  private toPreconnect = 0;
  private preconnected: Array<() => void> = [];

  constructor(
    origin: string,
    /** The clock of idle stamps, sentAt and onCompleteAt (ms, monotonic: performance.now in the engine). */
    readonly now: () => number,
    HTTPParser: Http1ParserClass,
  ) {
    this.HTTPParser = HTTPParser;
    const url = new URL(origin);
    this.host = url.hostname.replace(/^\[|\]$/g, '');
    this.port = Number(url.port || 80);
    this.hostHeader = url.host;
  }

  /** Throws InvalidRequestError (nothing sent) when the request cannot go on the wire as built. */
  send(handler: ResponseHandler, request: Http1Request): void {
    const { spec, path, headers, body } = request;
    let serialized = this.serialized.get(spec);
    // Constant requests are checked and serialized once; templated ones each time they change.
    if (!serialized || serialized.path !== path || serialized.headers !== headers || serialized.body !== body || serialized.method !== spec.method) {
      serialized = { method: spec.method, path, headers, body, bytes: this.serialize(spec.method, path, headers, body) };
      this.serialized.set(spec, serialized);
    } else if (typeof serialized.bytes === 'string') {
      serialized.bytes = Buffer.from(serialized.bytes, 'latin1');
    }
    const isHead = spec.method === 'HEAD';
    const keepBody = spec.keepBody ?? true;
    const bytes = serialized.bytes;
    const connection = this.idleConnection(request.sentAt ?? this.now());
    if (connection) connection.send(handler, isHead, keepBody, bytes);
    else if (this.connectingCount < MAX_CONNECTING) this.newConnection().send(handler, isHead, keepBody, bytes);
    else this.waiting.push({ handler, isHead, keepBody, bytes });
  }

  private idleConnection(now: number): Http1Connection | undefined {
    for (;;) {
      const connection = this.idle.pop();
      if (!connection) return undefined;
      if (!connection.alive) continue;
      if (now - connection.idleSince <= IDLE_REUSE_LIMIT_MS) return connection;
      connection.destroy(connectionError('idle too long', 'ECONNRESET'));
    }
  }

  private newConnection(): Http1Connection {
    const connection = new Http1Connection(this, this.HTTPParser, this.host, this.port);
    this.connectingCount++;
    this.open.add(connection);
    return connection;
  }

  private nextWaiting(): WaitingRequest | undefined {
    if (this.waitingHead >= this.waiting.length) return undefined;
    const next = this.waiting[this.waitingHead++];
    if (this.waitingHead === this.waiting.length) {
      this.waiting = [];
      this.waitingHead = 0;
    }
    return next;
  }

  /** A connection is free (at `now`): it takes the oldest waiting request, or goes on the idle stack. */
  release(connection: Http1Connection, now?: number): void {
    const next = this.nextWaiting();
    if (next) {
      connection.send(next.handler, next.isHead, next.keepBody, next.bytes);
      return;
    }
    connection.idleSince = now ?? this.now();
    this.idle.push(connection);
  }

  /**
   * A connection finished opening (or failed to): one opened ahead of any request becomes idle;
   * open more for the requests still waiting, then for a preconnect.
   */
  connected(connection: Http1Connection): void {
    this.connectingCount--;
    if (connection.alive && !connection.busy) this.release(connection);
    while (this.connectingCount < MAX_CONNECTING) {
      const next = this.nextWaiting();
      if (!next) break;
      this.newConnection().send(next.handler, next.isHead, next.keepBody, next.bytes);
    }
    this.continuePreconnect();
  }

  /**
   * Opens `count` connections before any request (at most MAX_CONNECTING at a time); they wait
   * on the idle stack. Resolves when every one has connected or failed (a refused one is simply
   * gone: the requests will meet the same error and report it).
   */
  preconnect(count: number): Promise<void> {
    this.toPreconnect += count;
    const done = new Promise<void>((resolve) => this.preconnected.push(resolve));
    this.continuePreconnect();
    return done;
  }

  private continuePreconnect(): void {
    while (this.toPreconnect > 0 && this.connectingCount < MAX_CONNECTING) {
      this.toPreconnect--;
      this.newConnection();
    }
    if (this.toPreconnect === 0 && this.connectingCount === 0 && this.preconnected.length > 0) {
      const waiting = this.preconnected;
      this.preconnected = [];
      for (const resolve of waiting) resolve();
    }
  }

  forget(connection: Http1Connection): void {
    // A dead connection left on the idle stack is skipped when popped.
    this.open.delete(connection);
  }

  /**
   * Request line, headers (ours: host unless given, content-length for a body) and body. The path
   * is percent-encoded and every header checked (request-head.ts), so the head is ASCII and
   * Latin-1 only, one byte per character, and no value can end a line.
   */
  private serialize(method: string, path: string, headers: string[], body: string | Buffer | undefined): Buffer | string {
    if (!METHOD.test(method)) throw new InvalidRequestError('invalid method');
    checkHeaders(headers);
    let head = `${method} ${requestTarget(path)} HTTP/1.1\r\n`;
    let hasHost = false;
    for (let i = 0; i + 1 < headers.length; i += 2) {
      const name = headers[i] as string;
      const value = headers[i + 1] as string;
      const lower = name.toLowerCase();
      // The body is framed here, from its real length.
      if (lower === 'content-length' || lower === 'transfer-encoding') continue;
      if (lower === 'host') hasHost = true;
      head += `${name}: ${value}\r\n`;
    }
    if (!hasHost) head += `host: ${this.hostHeader}\r\n`;
    const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    if (payload) head += `content-length: ${payload.length}\r\n`;
    else if (method === 'POST' || method === 'PUT' || method === 'PATCH') head += 'content-length: 0\r\n';
    head += '\r\n';
    return payload && payload.length > 0 ? Buffer.concat([Buffer.from(head, 'latin1'), payload]) : head;
  }

  /** Closes every connection; exchanges still running fail with `error`. */
  destroy(error: Error): void {
    this.toPreconnect = 0;
    const waiting = this.waiting.slice(this.waitingHead);
    this.waiting = [];
    this.waitingHead = 0;
    for (const connection of [...this.open]) connection.destroy(error);
    this.idle.length = 0;
    for (const request of waiting) request.handler.onError(error);
  }
}
