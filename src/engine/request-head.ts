// What may go on the wire in a request head, whatever the templates expanded to (captured
// responses, data rows, the environment): the rules of Node's http and undici, so that the plain-
// HTTP transport (http1-transport.ts) and undici (https) send or refuse the same requests.
// docs/engine.md ("What goes on the wire") explains the choices.

/** RFC 9110 field-value: tab, space, visible ASCII and obs-text (0x80-0xFF), as Node's http checks. */
const OUTSIDE_FIELD_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
/** RFC 9110 token: a header name. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/**
 * A request target that `new URL` would change: anything outside visible ASCII, the characters
 * its path and query encode (`"#<>\`{}'`), `\` (read as `/`), `.`/`%2e` segments (resolved),
 * and a `?` with nothing after it (dropped).
 * A path with none of these goes out exactly as written, without building a URL.
 */
const URL_WOULD_CHANGE = /[^\x21-\x7e]|["#<>`{}'\\]|\/(?:\.|%2e)|\?$/i;
const ANY_ORIGIN = 'http://0.invalid';

export const INVALID_HEADER_VALUE = 'invalid header value';
export const INVALID_HEADER_NAME = 'invalid header name';

/** A request that cannot be sent as built; it fails under its own name and the run goes on. */
export class InvalidRequestError extends Error {}

/**
 * Throws InvalidRequestError unless every name is a token and every value is a field value.
 * Values outside Latin-1 are refused, not encoded: Node's http and undici refuse them too, and a
 * server reads header bytes as Latin-1, so there is no encoding it would read back as the text.
 */
export function checkHeaders(headers: readonly string[]): void {
  for (let i = 0; i + 1 < headers.length; i += 2) {
    if (!TOKEN.test(headers[i] as string)) throw new InvalidRequestError(INVALID_HEADER_NAME);
    if (OUTSIDE_FIELD_VALUE.test(headers[i + 1] as string)) throw new InvalidRequestError(INVALID_HEADER_VALUE);
  }
}

/**
 * The path and query as they go on the request line: percent-encoded as UTF-8 exactly as `new URL`
 * does (`?q=中文` -> `?q=%E4%B8%AD%E6%96%87`; CR, LF and tab are dropped, a lone surrogate becomes
 * U+FFFD, a `#fragment` is not sent). The common path, plain visible ASCII, is returned as it is.
 */
export function requestTarget(path: string): string {
  if (!URL_WOULD_CHANGE.test(path)) return path;
  const url = new URL(ANY_ORIGIN + path);
  return url.pathname + url.search;
}
