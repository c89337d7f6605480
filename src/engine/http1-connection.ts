// One plain-HTTP keep-alive connection of an origin (http1-transport.ts): a socket, Node's
// native llhttp parser, and at most one exchange at a time (no pipelining).
//
// A server is not trusted: bytes that no request of ours asked for (an answer on an idle
// connection, a second answer after the first) close the connection, as Node and undici do, so
// that an answer can never be handed to the wrong request.

import { connect, type Socket } from 'node:net';
import type { Http1ParserClass } from './http1-parser';

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
  /**
   * Optional: instead of onComplete, with the time (the origin's clock) the answer completed. The
   * transport reads the clock once per answer, for the connection's idle stamp and the exchange's
   * end: each clock read is a call into the runtime, and a request made five of them.
   */
  onCompleteAt?(now: number): void;
  onError(error: Error): void;
}

const NO_HEADERS: string[] = [];

/**
 * Every connection reads into this one buffer (net's `onread`), and parses what was read before
 * the next read can happen: one thread, one read at a time. Compared with 'data' events, a read
 * allocates no Buffer and skips the stream machinery (a Buffer, an event and a nextTick per read,
 * docs/performance-engine.md "CPU per request"). Nothing keeps a view of it past the parse:
 * Node's parser copies body chunks and keeps unfinished header text itself (http1-parser.ts
 * tests both at start).
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
    if (name.length === 14 && isName(name, 'Content-Length', 'content-length')) {
      if (length >= 0) return -1;
      length = Number(headers[i + 1]);
    } else if (name.length === 17 && isName(name, 'Transfer-Encoding', 'transfer-encoding')) {
      return -1;
    }
  }
  return Number.isSafeInteger(length) ? length : -1;
}

/** `name` is `lower` in any case; the two usual spellings are compared first, without lowering a copy. */
function isName(name: string, usual: string, lower: string): boolean {
  return name === usual || name === lower || name.toLowerCase() === lower;
}

export function connectionError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

/** What a connection needs of its origin (Http1Origin, http1-transport.ts). */
export interface ConnectionOwner {
  /** The origin's clock (ms, monotonic). */
  now(): number;
  /** The connection opened, or failed to. */
  connected(connection: Http1Connection): void;
  /** The connection is free again (at `now`). */
  release(connection: Http1Connection, now?: number): void;
  /** The connection is closed. */
  forget(connection: Http1Connection): void;
}

export class Http1Connection {
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
    private readonly origin: ConnectionOwner,
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
    // One clock read for an answer: the connection's idle stamp and the exchange's end.
    const now = completed ? this.origin.now() : 0;
    if (outcome instanceof Error) this.destroy(outcome);
    else if (this.unsolicited) this.destroy(connectionError('unsolicited response', 'ECONNRESET'));
    // Released before the exchange ends, so that the next request it sends reuses this socket.
    else if (completed && this.keepAlive) this.origin.release(this, now);
    else if (completed) this.destroy(connectionError('closed by the server', 'ECONNRESET'));
    // Its answer was whole, whatever came after it.
    if (completed?.onCompleteAt) completed.onCompleteAt(now);
    else completed?.onComplete();
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
   * per answer, docs/performance-engine.md "CPU per request"). When the handler only counts the
   * bytes and the answer states a length that llhttp will hold it to, the chunks are not asked for:
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
