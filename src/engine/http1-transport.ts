// Plain-HTTP (http://) requests without undici: one socket per connection, Node's own native
// llhttp parser (the one node:http uses), and each request's bytes serialized once and reused
// while its path, headers and body stay the same. Why: undici defers every request on a reused
// keep-alive socket to the next event-loop turn and builds a Request and header Buffers per
// request; measured on the benchmark (docs/performance.md), a bare loop over undici Clients
// reached 0.93x autocannon and the same loop over a socket and this parser 1.33x. https:// still
// goes through undici (http-client.ts), and so does http:// where the parser fails its start-up
// self-test (http1-parser.ts).
//
// A server is not trusted: bytes that no request of ours asked for (an answer on an idle
// connection, a second answer after the first) close the connection, as Node and undici do, so
// that an answer can never be handed to the wrong request.

import { connect, type Socket } from 'node:net';
import type { Http1ParserClass } from './http1-parser';
import { checkHeaders, InvalidRequestError, requestTarget } from './request-head';

/** What the transport calls back; undici's dispatch handler shape, so one Exchange serves both. */
export interface ResponseHandler {
  onConnect(abort: (error?: Error) => void): void;
  /** Header names and values alternate, as strings. */
  onHeaders(statusCode: number, rawHeaders: string[]): boolean;
  onData(chunk: Buffer): boolean;
  /**
   * Optional: the body's length, once it has all arrived, instead of onData, for a request that
   * does not keep its body and an answer that states its length (see onHeadersComplete).
   */
  onBodyLength?(bytes: number): void;
  onComplete(): void;
  onError(error: Error): void;
}

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
const NO_HEADERS: string[] = [];
/** A method is a token (RFC 9110), checked like header names (request-head.ts). */
const METHOD = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Every connection reads into this one buffer (net's `onread`), and parses what was read before
 * the next read can happen: one thread, one read at a time. Compared with 'data' events, a read
 * allocates no Buffer and skips the stream machinery (a Buffer, an event and a nextTick per read,
 * docs/performance.md "CPU per request"). Nothing keeps a view of it past the parse: Node's parser
 * copies body chunks and keeps unfinished header text itself (http1-parser.ts tests both at start).
 */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);
/** The last view handed to the parser: answers of one size (the common case) reuse it. */
let lastView = READ_BUFFER.subarray(0, 0);

function readView(length: number): Buffer {
  if (lastView.length !== length) lastView = READ_BUFFER.subarray(0, length);
  return lastView;
}

/**
 * The Content-Length of an answer's headers (names and values alternating), or -1 when there is
 * none, more than one, or a Transfer-Encoding too. llhttp has checked the value's digits and
 * refuses a body that runs short or long of it (kLenientNone), so the length is what arrives.
 */
function statedLength(headers: string[]): number {
  let length = -1;
  for (let i = 0; i + 1 < headers.length; i += 2) {
    const name = headers[i] as string;
    if (name.length === 14 && name.toLowerCase() === 'content-length') {
      if (length >= 0) return -1;
      length = Number(headers[i + 1]);
    } else if (name.length === 17 && name.toLowerCase() === 'transfer-encoding') {
      return -1;
    }
  }
  return Number.isSafeInteger(length) ? length : -1;
}

function connectionError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

/** What one request is made of; `spec` (its compiled form) keys the bytes kept for reuse. */
export interface Http1Request {
  /** `keepBody`: its handler needs the body's bytes (captures, checks), not just their count. */
  readonly spec: { readonly method: string; readonly keepBody?: boolean };
  readonly path: string;
  readonly headers: string[];
  readonly body: string | Buffer | undefined;
}

class Http1Connection {
  alive = true;
  connecting = true;
  idleSince = 0;
  private readonly socket: Socket;
  private readonly parser: InstanceType<Http1ParserClass>;
  private readonly HTTPParser: Http1ParserClass;
  /** The exchange whose answer is awaited (or being read); undefined while idle. */
  private handler: ResponseHandler | undefined;
  /** The exchange whose answer completed in the bytes being parsed: it ends once they are parsed. */
  private completed: ResponseHandler | undefined;
  /** An answer began that no request awaits: the connection is closed after this read. */
  private unsolicited = false;
  private isHead = false;
  private keepBody = false;
  /** The announced length of the answer being read, when only its length is wanted; else -1. */
  private countedLength = -1;
  /** Whether the parser hands body chunks over (kOnBody is set): see onHeadersComplete. */
  private bodyChunks = true;
  private keepAlive = true;
  /** A 1xx answer is followed by the real one on the same exchange. */
  private informational = false;
  /** Headers that came before headers-complete (llhttp hands over more than 32 in parts). */
  private headerParts: string[] | undefined;
  /** Between handing the exchange its abort and writing the request: an abort then costs nothing. */
  private unsent = false;
  readonly abort = (error?: Error): void => {
    const reason = error ?? connectionError('aborted', 'ECONNRESET');
    if (!this.unsent) {
      this.destroy(reason);
      return;
    }
    const handler = this.handler;
    this.handler = undefined;
    handler?.onError(reason);
  };

  constructor(
    private readonly origin: Http1Origin,
    HTTPParser: Http1ParserClass,
    host: string,
    port: number,
  ) {
    this.socket = connect({ port, host, onread: { buffer: READ_BUFFER, callback: this.onSocketRead } });
    this.socket.setNoDelay(true);
    const parser = new HTTPParser();
    this.parser = parser;
    this.HTTPParser = HTTPParser;
    parser.initialize(HTTPParser.RESPONSE, {}, 0, HTTPParser.kLenientNone);
    parser[HTTPParser.kOnMessageBegin] = this.onMessageBegin;
    parser[HTTPParser.kOnHeaders] = (headers: string[]) => (this.headerParts ??= []).push(...headers);
    parser[HTTPParser.kOnHeadersComplete] = this.onHeadersComplete;
    parser[HTTPParser.kOnBody] = this.onBody;
    parser[HTTPParser.kOnMessageComplete] = this.onMessageComplete;
    this.socket.once('connect', () => {
      this.connecting = false;
      origin.connected(this);
    });
    this.socket.on('end', this.onSocketEnd);
    this.socket.on('error', (error) => this.destroy(error));
    this.socket.on('close', () => this.destroy(connectionError('other side closed', 'ECONNRESET')));
  }

  /** True while an exchange runs on this connection. */
  get busy(): boolean {
    return this.handler !== undefined;
  }

  /** `bytes`: the request, or its head alone as a Latin-1 string (one byte per character). */
  send(handler: ResponseHandler, isHead: boolean, keepBody: boolean, bytes: Buffer | string): void {
    this.handler = handler;
    this.isHead = isHead;
    this.keepBody = keepBody;
    this.unsent = true;
    handler.onConnect(this.abort);
    this.unsent = false;
    // Aborted at once (it had timed out while waiting for a connection): the connection is clean.
    if (this.handler !== handler) this.origin.release(this);
    else if (typeof bytes === 'string') this.socket.write(bytes, 'latin1');
    else this.socket.write(bytes);
  }

  /**
   * Bytes read into READ_BUFFER, parsed before this returns (the next read may overwrite them).
   * True: keep reading (false would pause the socket).
   */
  private readonly onSocketRead = (length: number): boolean => {
    this.parse(length);
    return true;
  };

  private parse(length: number): void {
    // Nothing asked for these bytes (an idle or just-opened connection).
    if (!this.handler) {
      this.destroy(connectionError('unsolicited response', 'ECONNRESET'));
      return;
    }
    const outcome = this.parser.execute(readView(length));
    const completed = this.completed;
    this.completed = undefined;
    if (outcome instanceof Error) this.destroy(outcome);
    else if (this.unsolicited) this.destroy(connectionError('unsolicited response', 'ECONNRESET'));
    // Released before the exchange ends, so that the next request it sends reuses this socket.
    else if (completed && this.keepAlive) this.origin.release(this);
    else if (completed) this.destroy(connectionError('closed by the server', 'ECONNRESET'));
    // Its answer was whole, whatever came after it.
    completed?.onComplete();
  }

  private readonly onSocketEnd = (): void => {
    // A body that runs until the server closes ends here (finish completes it); an answer cut
    // short is a reset, as undici reports it ("other side closed"), not a parse error.
    if (this.handler) this.parser.finish();
    const completed = this.completed;
    this.completed = undefined;
    this.destroy(connectionError('other side closed', 'ECONNRESET'));
    completed?.onComplete();
  };

  private readonly onMessageBegin = (): number => {
    if (!this.handler) this.unsolicited = true;
    return 0;
  };

  private readonly onHeadersComplete = (
    _major: number,
    _minor: number,
    headers: string[] | undefined,
    _method: unknown,
    _url: unknown,
    statusCode: number,
    _statusMessage: unknown,
    _upgrade: boolean,
    shouldKeepAlive: boolean,
  ): number => {
    const all = headers ?? this.headerParts ?? NO_HEADERS;
    this.headerParts = undefined;
    // -1 fails the parse: `HTTP/1.1 000` is no answer (llhttp takes any three digits).
    if (statusCode < 100) return -1;
    if (statusCode < 200) {
      this.informational = true;
      return 0;
    }
    this.keepAlive = shouldKeepAlive;
    this.countBodyOnly(statusCode, all);
    this.handler?.onHeaders(statusCode, all);
    // 1 = no body follows (a HEAD answer announces a length it does not send).
    return this.isHead ? 1 : 0;
  };

  private readonly onBody = (chunk: Buffer): void => {
    this.handler?.onData(chunk);
  };

  /**
   * Node's parser copies every body chunk into a new Buffer and calls back for it (about 0.8 µs
   * per answer, docs/performance.md "CPU per request"). When the handler only counts the bytes
   * and the answer states a length that llhttp will hold it to, the chunks are not asked for:
   * the length is reported once the answer is complete. Chunked answers, answers read until
   * close, and no-body answers (HEAD, 204, 304) keep the chunk path.
   */
  private countBodyOnly(statusCode: number, headers: string[]): void {
    const length = this.keepBody || this.isHead || statusCode === 204 || statusCode === 304 || !this.handler?.onBodyLength ? -1 : statedLength(headers);
    this.countedLength = length;
    const chunks = length < 0;
    if (chunks !== this.bodyChunks) {
      this.bodyChunks = chunks;
      this.parser[this.HTTPParser.kOnBody] = chunks ? this.onBody : undefined;
    }
  }

  private readonly onMessageComplete = (): void => {
    if (this.informational) {
      this.informational = false;
      return;
    }
    // An answer nobody asked for (onMessageBegin flagged it) must not hide the one that came before.
    if (!this.handler) return;
    if (this.countedLength > 0) this.handler.onBodyLength?.(this.countedLength);
    this.countedLength = -1;
    // Ended after the parse (onSocketRead): bytes after this answer must not reach the next request.
    this.completed = this.handler;
    this.handler = undefined;
  };

  /** Ends the connection; an exchange still on it fails with `error`. */
  destroy(error: Error): void {
    if (!this.alive) return;
    this.alive = false;
    const handler = this.handler;
    this.handler = undefined;
    this.socket.destroy();
    if (this.connecting) {
      this.connecting = false;
      this.origin.connected(this);
    }
    this.origin.forget(this);
    handler?.onError(error);
  }
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
export class Http1Origin {
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
    private readonly now: () => number,
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
    const connection = this.idleConnection();
    if (connection) connection.send(handler, isHead, keepBody, bytes);
    else if (this.connectingCount < MAX_CONNECTING) this.newConnection().send(handler, isHead, keepBody, bytes);
    else this.waiting.push({ handler, isHead, keepBody, bytes });
  }

  private idleConnection(): Http1Connection | undefined {
    const now = this.now();
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

  /** A connection is free: it takes the oldest waiting request, or goes on the idle stack. */
  release(connection: Http1Connection): void {
    const next = this.nextWaiting();
    if (next) {
      connection.send(next.handler, next.isHead, next.keepBody, next.bytes);
      return;
    }
    connection.idleSince = this.now();
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
