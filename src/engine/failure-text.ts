// Error texts that group well in the failures table (docs/reading-numbers.md: a failure's text is its identity).
import { formatExactDuration } from '../core/present/time';

/** `timeout after 5s`, `timeout after 1500ms`: the limit exactly as configured. */
export function timeoutText(ms: number): string {
  return `timeout after ${formatExactDuration(ms)}`;
}

/**
 * undici's codes for an answer it could not read. ERR_ASSERTION is its parser's own check on a
 * status it cannot take (`HTTP/1.1 000`): only a response gets there, through the socket.
 */
const INVALID_RESPONSE_CODES = new Set(['UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'UND_ERR_RES_EXCEEDED_MAX_SIZE', 'UND_ERR_HEADERS_OVERFLOW', 'ERR_ASSERTION']);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  errors?: unknown;
  cause?: unknown;
}

/** The error's code (ECONNREFUSED, UND_ERR_...), looked for through `errors` and `cause`. */
export function errorCodeOf(error: unknown, seen = new Set<unknown>()): string | undefined {
  if (!error || typeof error !== 'object' || seen.has(error)) return undefined;
  seen.add(error);
  const like = error as ErrorLike;
  if (typeof like.code === 'string') return like.code;
  // Happy-eyeballs connects fail with an AggregateError of one error per address.
  if (Array.isArray(like.errors) && like.errors.length > 0) return errorCodeOf(like.errors[0], seen);
  return errorCodeOf(like.cause, seen);
}

/** RFC 9113 section 7: HTTP/2 error codes by number, as RST_STREAM and GOAWAY frames carry them. */
const HTTP2_ERROR_NAMES = [
  'NO_ERROR', 'PROTOCOL_ERROR', 'INTERNAL_ERROR', 'FLOW_CONTROL_ERROR', 'SETTINGS_TIMEOUT', 'STREAM_CLOSED', 'FRAME_SIZE_ERROR',
  'REFUSED_STREAM', 'CANCEL', 'COMPRESSION_ERROR', 'CONNECT_ERROR', 'ENHANCE_YOUR_CALM', 'INADEQUATE_SECURITY', 'HTTP_1_1_REQUIRED',
];

/** An HTTP/2 frame that ended a request, already worded: `RST_STREAM REFUSED_STREAM`, `GOAWAY NO_ERROR`. */
class Http2FrameError extends Error {}

/** The failure of a request ended by the server's RST_STREAM or GOAWAY frame with `code`. */
export function http2Failure(frame: 'RST_STREAM' | 'GOAWAY', code: number): Error {
  return new Http2FrameError(`${frame} ${HTTP2_ERROR_NAMES[code] ?? `error ${code}`}`);
}

/** Node's http2 errors: a reset stream or a failed session names nghttp2's code in its message. */
function nodeHttp2Text(code: string, message: string): string | undefined {
  if (!code.startsWith('ERR_HTTP2_')) return undefined;
  const named = /NGHTTP2_([A-Z0-9_]+)/.exec(message)?.[1];
  if (code === 'ERR_HTTP2_STREAM_ERROR') return `RST_STREAM ${named ?? 'error'}`;
  if (code === 'ERR_HTTP2_STREAM_CANCEL') return 'RST_STREAM CANCEL';
  if (code === 'ERR_HTTP2_GOAWAY_SESSION') return 'GOAWAY';
  if (code === 'ERR_HTTP2_SESSION_ERROR') return `GOAWAY ${named ?? 'error'}`;
  return 'HTTP/2 protocol error';
}

/** A connection or protocol error from undici or the socket, as one short stable text. */
export function errorText(error: unknown): string {
  if (!error || typeof error !== 'object') return String(error);
  if (error instanceof Http2FrameError) return error.message;
  // undici's parser errors do not always carry an HPE_ code (e.g. a reply that is not HTTP at all).
  if ((error as ErrorLike).name === 'HTTPParserError') return 'invalid HTTP response';
  const code = errorCodeOf(error);
  if (code === undefined) return String((error as ErrorLike).message ?? 'unknown error');
  if (code.startsWith('HPE_') || INVALID_RESPONSE_CODES.has(code)) return 'invalid HTTP response';
  // undici says `other side closed` when the server drops the connection under a request.
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE') return 'ECONNRESET';
  if (code === 'EAI_AGAIN') return 'ENOTFOUND';
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return 'connect timeout';
  return nodeHttp2Text(code, String((error as ErrorLike).message ?? '')) ?? code;
}
