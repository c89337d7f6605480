// `https://` requests: each connection offers HTTP/2 and HTTP/1.1 through ALPN, as browsers and
// k6 do. A connection that agrees on h2 carries one request at a time (one stream), like an
// HTTP/1.1 keep-alive connection: a virtual user sends its requests one after another, so each
// user in flight holds its own connection, and the server sees as many connections as with
// HTTP/1.1 (docs/engine.md, "HTTP/2"). An origin whose server picks HTTP/1.1 goes through the
// HTTP/1.1 path from then on (`fallback`, undici in http-client.ts).
//
// Node's http2 module rather than undici's `allowH2`: undici's dispatch handler does not say
// which protocol answered a request, and its pools put up to 100 requests of different users on
// one connection. The server is not trusted: a reset stream, a GOAWAY, a protocol error or a
// header list past the limit fail the request with a short text (failure-text.ts) and the
// connection is not reused; nothing of it can reach another request.

import { connect as http2Connect, constants, type ClientHttp2Session, type ClientHttp2Stream, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http2';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { isIP } from 'node:net';
import { PROTOCOL_BITS } from '../core/metrics/protocols';
import { http2Failure } from './failure-text';
import { checkHeaders, InvalidRequestError, requestTarget } from './request-head';

/** The protocols an exchange can go over, as bits, so that a request name's set is one number. */
export const PROTOCOL_HTTP1: number = PROTOCOL_BITS['HTTP/1.1'];
export const PROTOCOL_HTTP2: number = PROTOCOL_BITS['HTTP/2'];

/** What the transport calls back (the shape of http1-transport.ts's ResponseHandler, plus the protocol). */
export interface TlsResponseHandler {
  protocol: number;
  onConnect(abort: (error?: Error) => void): void;
  onHeaders(statusCode: number, rawHeaders: string[]): boolean;
  onData(chunk: Buffer): boolean;
  onComplete(): void;
  onError(error: Error): void;
}

export interface TlsRequest {
  readonly spec: { readonly method: string };
  readonly path: string;
  readonly headers: string[];
  readonly body: string | Buffer | undefined;
}

export interface TlsOriginOptions {
  insecure: boolean;
  /** Opening a connection (TCP and TLS) gives up after this long. */
  connectTimeoutMs: number;
  now: () => number;
}

/** Sends a request over HTTP/1.1 (the origin's server chose it through ALPN). */
export type Http1Fallback = (handler: TlsResponseHandler, request: TlsRequest) => void;

/** As in http1-transport.ts: an idle connection is not reused past the point servers drop them. */
const IDLE_REUSE_LIMIT_MS = 4000;
/** As in http1-transport.ts: at most this many connections opening at once per origin. */
const MAX_CONNECTING = 32;
/**
 * The largest response header list taken (names and values, in bytes): 16 KiB, Node's and
 * undici's limit on an HTTP/1.1 head (`--max-http-header-size`), so both protocols refuse the same
 * answers with the same text. Checked here: nghttp2 applies our SETTINGS only once the server
 * acknowledged them, so the first answers on a connection would be held to its 64 KiB default.
 */
export const MAX_HEADER_LIST_BYTES = 16 * 1024;
/** RFC 9113 8.2.2: these belong to HTTP/1.1 connections and make an HTTP/2 request malformed. */
const CONNECTION_HEADERS = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'host', 'content-length']);
const METHOD = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const { HTTP2_HEADER_STATUS } = constants;

function connectionError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

class H2Connection {
  alive = true;
  /** False once a GOAWAY came, or the session failed: the connection takes no new request. */
  reusable = true;
  connecting = true;
  idleSince = 0;
  private readonly socket: TLSSocket;
  private session: ClientHttp2Session | undefined;
  private handler: TlsResponseHandler | undefined;
  private stream: ClientHttp2Stream | undefined;
  /** The request to send once the connection is open (it was opened for this request). */
  private pending: { handler: TlsResponseHandler; request: TlsRequest } | undefined;

  constructor(
    private readonly origin: TlsOrigin,
    options: TlsOriginOptions,
  ) {
    const { host, port, servername } = origin;
    this.socket = tlsConnect({ host, port, servername, ALPNProtocols: ['h2', 'http/1.1'], rejectUnauthorized: !options.insecure });
    this.socket.setNoDelay(true);
    this.socket.setTimeout(options.connectTimeoutMs, () => this.destroy(connectionError('connect timeout', 'UND_ERR_CONNECT_TIMEOUT')));
    this.socket.once('secureConnect', this.onSecureConnect);
    this.socket.on('error', (error) => this.destroy(error));
    this.socket.on('close', () => this.destroy(connectionError('other side closed', 'ECONNRESET')));
  }

  get busy(): boolean {
    return this.handler !== undefined || this.pending !== undefined;
  }

  private readonly onSecureConnect = (): void => {
    this.socket.setTimeout(0);
    if (this.socket.alpnProtocol !== 'h2') {
      // HTTP/1.1 (or no ALPN at all): this origin's requests take the HTTP/1.1 path.
      this.connecting = false;
      this.alive = false;
      this.socket.destroy();
      this.origin.http1Chosen(this, this.takePending());
      return;
    }
    const session = http2Connect(this.origin.authority, {
      createConnection: () => this.socket,
      settings: { enablePush: false },
      maxHeaderListPairs: 256,
    });
    this.session = session;
    session.on('error', (error) => this.destroy(error));
    session.on('goaway', (errorCode) => {
      this.reusable = false;
      // A GOAWAY without an error lets the stream in flight finish; one with an error ends it.
      if (errorCode !== constants.NGHTTP2_NO_ERROR) this.destroy(http2Failure('GOAWAY', errorCode));
      else if (!this.handler) this.destroy(http2Failure('GOAWAY', errorCode));
    });
    session.on('close', () => this.destroy(connectionError('other side closed', 'ECONNRESET')));
    this.connecting = false;
    const pending = this.takePending();
    this.origin.connected(this);
    if (pending) this.send(pending.handler, pending.request);
  };

  private takePending(): { handler: TlsResponseHandler; request: TlsRequest } | undefined {
    const pending = this.pending;
    this.pending = undefined;
    return pending;
  }

  /** Waits for the connection to open, then sends (the request was already handed its abort). */
  sendWhenOpen(handler: TlsResponseHandler, request: TlsRequest): void {
    this.pending = { handler, request };
    handler.onConnect((error) => {
      if (this.pending?.handler !== handler) return;
      this.pending = undefined;
      handler.onError(error ?? connectionError('aborted', 'ECONNRESET'));
    });
  }

  /** Sends on the open session; throws InvalidRequestError (nothing sent) for a request that cannot go out. */
  send(handler: TlsResponseHandler, request: TlsRequest): void {
    const session = this.session;
    if (!session || !this.alive) {
      handler.onError(connectionError('other side closed', 'ECONNRESET'));
      return;
    }
    let stream: ClientHttp2Stream;
    try {
      const payload = typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : request.body;
      stream = session.request(this.origin.headersOf(request, payload), { endStream: !payload || payload.length === 0 });
      if (payload && payload.length > 0) stream.end(payload);
    } catch (error) {
      this.origin.release(this);
      handler.onError(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    this.handler = handler;
    this.stream = stream;
    handler.protocol = PROTOCOL_HTTP2;
    // Listeners check the stream, not the handler: a redirect sends the next hop of the same
    // exchange on this connection while the previous stream is still closing.
    handler.onConnect((error) => this.abortStream(stream, error));
    stream.on('response', (headers: IncomingHttpHeaders) => {
      if (this.stream !== stream) return;
      const flat = flatHeaders(headers);
      const status = Number(headers[HTTP2_HEADER_STATUS]);
      if (headerBytes(flat) > MAX_HEADER_LIST_BYTES) this.abortStream(stream, connectionError('response headers over 16 KiB', 'UND_ERR_HEADERS_OVERFLOW'));
      // nghttp2 passes any three digits and Node gives 1xx to 'headers': `:status: 000` arrives here
      // as 0. Refused as http1-connection.ts refuses `HTTP/1.1 000` (an HPE_ code reads `invalid HTTP
      // response`, failure-text.ts), so that neither a run nor Send Request takes it as an answer.
      else if (!(status >= 200 && status <= 999)) this.abortStream(stream, connectionError(`response status ${String(headers[HTTP2_HEADER_STATUS])}`, 'HPE_INVALID_STATUS'));
      else handler.onHeaders(status, flat);
    });
    stream.on('data', (chunk: Buffer) => {
      if (this.stream === stream) handler.onData(chunk);
    });
    stream.on('end', () => this.streamEnded(stream, undefined));
    stream.on('error', (error) => this.streamEnded(stream, error));
    stream.on('close', () => {
      // Closed without an end: reset by the server (RST_STREAM) or cut off with the session.
      const code = stream.rstCode ?? constants.NGHTTP2_NO_ERROR;
      this.streamEnded(stream, http2Failure('RST_STREAM', code === constants.NGHTTP2_NO_ERROR ? constants.NGHTTP2_CANCEL : code));
    });
  }

  /** The stream in flight ended (an answer, or `error`): the connection is free again, or done. */
  private streamEnded(stream: ClientHttp2Stream, error: Error | undefined): void {
    const handler = this.handler;
    if (this.stream !== stream || !handler) return;
    this.handler = undefined;
    this.stream = undefined;
    if (error) {
      // A stream the server reset says nothing bad about the connection, but a stream error from
      // our side (a header list past the limit) may leave it in doubt: do not reuse it.
      this.reusable = false;
      this.destroyIfIdle();
      handler.onError(error);
      return;
    }
    if (this.reusable && this.alive) this.origin.release(this);
    else this.destroyIfIdle();
    handler.onComplete();
  }

  /** Cuts off the stream in flight (a timeout, headers over the limit); the session stays sound. */
  private abortStream(stream: ClientHttp2Stream, error: Error | undefined): void {
    const handler = this.handler;
    if (this.stream !== stream || !handler) return;
    this.handler = undefined;
    this.stream = undefined;
    stream.close(constants.NGHTTP2_CANCEL);
    if (this.reusable && this.alive) this.origin.release(this);
    else this.destroyIfIdle();
    handler.onError(error ?? connectionError('aborted', 'ECONNRESET'));
  }

  private destroyIfIdle(): void {
    if (!this.handler) this.destroy(connectionError('closed', 'ECONNRESET'));
  }

  /** Ends the connection; a request still on it fails with `error`. */
  destroy(error: Error): void {
    if (!this.alive && !this.connecting) {
      return;
    }
    const wasConnecting = this.connecting;
    this.alive = false;
    this.connecting = false;
    const handler = this.handler ?? this.takePending()?.handler;
    this.handler = undefined;
    this.stream = undefined;
    this.session?.destroy();
    this.socket.destroy();
    if (wasConnecting) this.origin.connected(this);
    this.origin.forget(this);
    handler?.onError(error);
  }
}

/** Response headers as names and values alternating, without the pseudo-headers (`:status`). */
function flatHeaders(headers: IncomingHttpHeaders): string[] {
  const flat: string[] = [];
  for (const name of Object.keys(headers)) {
    if (name.startsWith(':')) continue;
    const value = headers[name];
    if (Array.isArray(value)) for (const item of value) flat.push(name, item);
    else if (value !== undefined) flat.push(name, value);
  }
  return flat;
}

function headerBytes(flat: string[]): number {
  let bytes = 0;
  for (const part of flat) bytes += part.length;
  return bytes;
}

interface WaitingRequest {
  handler: TlsResponseHandler;
  request: TlsRequest;
}

/** The connections to one `https://host:port` origin, and what ALPN chose for it. */
export class TlsOrigin {
  readonly host: string;
  readonly port: number;
  /** SNI: the name, never an IP address (RFC 6066 3). */
  readonly servername: string | undefined;
  readonly authority: string;
  private readonly hostHeader: string;
  /** Set once a connection agreed on HTTP/1.1: every request then takes the fallback. */
  private http1 = false;
  private readonly idle: H2Connection[] = [];
  private readonly open = new Set<H2Connection>();
  private connectingCount = 0;
  private waiting: WaitingRequest[] = [];

  constructor(
    origin: string,
    private readonly options: TlsOriginOptions,
    private readonly fallback: Http1Fallback,
  ) {
    const url = new URL(origin);
    this.host = url.hostname.replace(/^\[|\]$/g, '');
    this.port = Number(url.port || 443);
    this.servername = isIP(this.host) ? undefined : this.host;
    this.authority = `https://${url.host}`;
    this.hostHeader = url.host;
  }

  send(handler: TlsResponseHandler, request: TlsRequest): void {
    if (this.http1) {
      this.fallback(handler, request);
      return;
    }
    // Checked before a connection is taken, with the same texts as HTTP/1.1 (request-head.ts).
    if (!METHOD.test(request.spec.method)) throw new InvalidRequestError('invalid method');
    checkHeaders(request.headers);
    const connection = this.idleConnection();
    if (connection) connection.send(handler, request);
    else if (this.connectingCount < MAX_CONNECTING) this.newConnection().sendWhenOpen(handler, request);
    else this.wait(handler, request);
  }

  private wait(handler: TlsResponseHandler, request: TlsRequest): void {
    const entry = { handler, request };
    this.waiting.push(entry);
    handler.onConnect((error) => {
      const index = this.waiting.indexOf(entry);
      if (index < 0) return;
      this.waiting.splice(index, 1);
      handler.onError(error ?? connectionError('aborted', 'ECONNRESET'));
    });
  }

  private idleConnection(): H2Connection | undefined {
    const now = this.options.now();
    for (;;) {
      const connection = this.idle.pop();
      if (!connection) return undefined;
      if (!connection.alive || !connection.reusable) continue;
      if (now - connection.idleSince <= IDLE_REUSE_LIMIT_MS) return connection;
      connection.destroy(connectionError('idle too long', 'ECONNRESET'));
    }
  }

  private newConnection(): H2Connection {
    const connection = new H2Connection(this, this.options);
    this.connectingCount++;
    this.open.add(connection);
    return connection;
  }

  /** The HTTP/2 request headers: pseudo-headers first, names in lower case (RFC 9113 8.2). */
  headersOf(request: TlsRequest, payload: Buffer | undefined): OutgoingHttpHeaders {
    const method = request.spec.method;
    let authority = this.hostHeader;
    const headers: OutgoingHttpHeaders = { ':method': method, ':scheme': 'https', ':path': requestTarget(request.path) };
    const list = request.headers;
    for (let i = 0; i + 1 < list.length; i += 2) {
      const name = (list[i] as string).toLowerCase();
      const value = list[i + 1] as string;
      if (name === 'host') authority = value;
      if (CONNECTION_HEADERS.has(name) || (name === 'te' && value.toLowerCase() !== 'trailers')) continue;
      const previous = headers[name];
      if (previous === undefined) headers[name] = value;
      else headers[name] = Array.isArray(previous) ? [...previous, value] : [String(previous), value];
    }
    headers[':authority'] = authority;
    if (payload) headers['content-length'] = String(payload.length);
    else if (method === 'POST' || method === 'PUT' || method === 'PATCH') headers['content-length'] = '0';
    return headers;
  }

  /** A connection is free: it takes the oldest waiting request, or goes on the idle stack. */
  release(connection: H2Connection): void {
    const next = this.waiting.shift();
    if (next) {
      connection.send(next.handler, next.request);
      return;
    }
    connection.idleSince = this.options.now();
    this.idle.push(connection);
  }

  /** A connection finished opening (or failed to): requests still waiting get new connections. */
  connected(connection: H2Connection): void {
    this.connectingCount--;
    if (connection.alive && !connection.busy && connection.reusable) this.release(connection);
    while (this.connectingCount < MAX_CONNECTING && this.waiting.length > 0) {
      const next = this.waiting.shift() as WaitingRequest;
      if (this.http1) this.fallback(next.handler, next.request);
      else this.newConnection().sendWhenOpen(next.handler, next.request);
    }
  }

  /** The server chose HTTP/1.1: this request and every later one take the HTTP/1.1 path. */
  http1Chosen(connection: H2Connection, pending: WaitingRequest | undefined): void {
    this.http1 = true;
    this.connected(connection);
    this.open.delete(connection);
    if (pending) this.sendFallback(pending);
    const waiting = this.waiting;
    this.waiting = [];
    for (const request of waiting) this.sendFallback(request);
  }

  private sendFallback(entry: WaitingRequest): void {
    try {
      this.fallback(entry.handler, entry.request);
    } catch (error) {
      entry.handler.onError(error instanceof Error ? error : new Error(String(error)));
    }
  }

  forget(connection: H2Connection): void {
    this.open.delete(connection);
  }

  /** Closes every connection; requests still running or waiting fail with `error`. */
  destroy(error: Error): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const connection of [...this.open]) connection.destroy(error);
    this.idle.length = 0;
    for (const request of waiting) request.handler.onError(error);
  }
}
