// Error texts that group well in the failures table (scenario-format.md, "What counts as a failure").

/** 500 -> `500ms`, 5000 -> `5s`, 90000 -> `90s`. */
export function formatTimeout(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

export function timeoutText(ms: number): string {
  return `timeout after ${formatTimeout(ms)}`;
}

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  errors?: unknown;
  cause?: unknown;
}

function codeOf(error: ErrorLike): string | undefined {
  if (typeof error.code === 'string') return error.code;
  // Happy-eyeballs connects fail with an AggregateError of one error per address.
  if (Array.isArray(error.errors) && error.errors.length > 0) return codeOf(error.errors[0] as ErrorLike);
  if (error.cause && typeof error.cause === 'object') return codeOf(error.cause as ErrorLike);
  return undefined;
}

/** A connection or protocol error from undici or the socket, as one short stable text. */
export function errorText(error: unknown): string {
  if (!error || typeof error !== 'object') return String(error);
  // undici's parser errors do not always carry an HPE_ code (e.g. a reply that is not HTTP at all).
  if ((error as ErrorLike).name === 'HTTPParserError') return 'invalid HTTP response';
  const code = codeOf(error as ErrorLike);
  if (code === undefined) return String((error as ErrorLike).message ?? 'unknown error');
  if (code.startsWith('HPE_') || code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH' || code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') return 'invalid HTTP response';
  // undici says `other side closed` when the server drops the connection under a request.
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE') return 'ECONNRESET';
  if (code === 'EAI_AGAIN') return 'ENOTFOUND';
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return 'connect timeout';
  return code;
}
