// The request line `METHOD URL [HTTP/1.1]` (a URL alone means GET, as in REST Client), with the
// forms other `.http` tools accept: any capitalised token method, `OPTIONS *`, a fragment
// (dropped), and the request lines of protocols Loadlens does not load-test (read, then skipped).
import type { Diagnostic, HttpMethod, QuickFix, Range } from './model';
import { asHttpMethod, HTTP_METHODS, SKIPPED_PROTOCOLS } from './http';
import { diagnostic, lineRange, quote, replaceFix } from './ranges';
import { closestMatch } from './suggest';

export interface RequestLine {
  method: HttpMethod;
  url: string;
  urlStart: number;
  httpVersion?: string;
  /** Set when the request is read but not load-tested: why, for the warning and the run summary. */
  skip?: string;
  /** A problem that does not stop the line from being read (an unusual method). */
  warning?: Diagnostic;
}

const URL_START = /^(?:\/|https?:\/\/|\{\{)/i;
/** A URL-only line of another protocol (httpYac): read, then skipped like its method form. */
const OTHER_SCHEME = /^(wss?|mqtts?|amqps?|grpcs?|unix):/i;
const HTTP_VERSION = /^HTTP\/\d(?:\.\d)?$/i;
/** A method that no list names but HTTP allows (`PROPFIND`, `PURGE`): a token in capitals. */
const TOKEN_METHOD = /^[A-Z][A-Z0-9_-]+$/;
const WORD = /\S+/g;

function looksLikeUrl(text: string): boolean {
  return URL_START.test(text);
}

function methodOf(word: string): HttpMethod | undefined {
  return asHttpMethod(word) ?? (TOKEN_METHOD.test(word) ? word : undefined);
}

/** True when a line would be read as a request line (a first request written without `###`). */
export function looksLikeRequestLine(text: string): boolean {
  const first = /^\S+/.exec(text)?.[0] ?? '';
  if (first === 'curl' && /\s\S/.test(text)) return true;
  if (OTHER_SCHEME.test(first) && !/\s\S/.test(text.trim())) return true;
  if (looksLikeUrl(first)) return !/\s\S/.test(text.trim()) || HTTP_VERSION.test(text.trim().split(/\s+/)[1] ?? '');
  const method = methodOf(first);
  if (method === undefined || !/\s\S/.test(text)) return false;
  const second = text.trim().split(/\s+/)[1] ?? '';
  return asHttpMethod(first) !== undefined || SKIPPED_PROTOCOLS.has(method) || looksLikeUrl(second) || second === '*' || OTHER_SCHEME.test(second);
}

function methodProblem(word: string, range: Range): Diagnostic {
  const close = closestMatch(word.toUpperCase(), HTTP_METHODS);
  const fixes: QuickFix[] | undefined = close ? [replaceFix(`Change to ${close}`, range, close)] : undefined;
  const message = `unknown method ${quote(word)}: use ${HTTP_METHODS.join(', ')}, or another method in capitals`;
  return diagnostic(range, 'error', 'bad-method', message, fixes);
}

/** A capitalised method that is not one of the common seven but is one edit away from one. */
function unusualMethod(word: string, range: Range): Diagnostic | undefined {
  if (asHttpMethod(word) !== undefined || SKIPPED_PROTOCOLS.has(word)) return undefined;
  const close = closestMatch(word, HTTP_METHODS);
  if (!close) return undefined;
  const message = `${quote(word)} is sent as written, as a method of its own: did you mean ${close}?`;
  return diagnostic(range, 'warning', 'unusual-method', message, [replaceFix(`Change to ${close}`, range, close)]);
}

/** The URL without its fragment: a client never sends `#...` (a `#` inside `{{ }}` stays). */
function withoutFragment(url: string): string {
  let depth = 0;
  for (let at = 0; at < url.length; at++) {
    if (url.startsWith('{{', at)) depth++;
    else if (url.startsWith('}}', at) && depth > 0) depth--;
    else if (url[at] === '#' && depth === 0) return url.slice(0, at);
  }
  return url;
}

function words(text: string, start: number, end: number): Array<{ text: string; start: number }> {
  const found: Array<{ text: string; start: number }> = [];
  WORD.lastIndex = start;
  for (let match = WORD.exec(text); match && match.index < end; match = WORD.exec(text)) found.push({ text: match[0], start: match.index });
  return found;
}

/**
 * Reads a request line, `text` being the whole line and [start, end) its non-blank part.
 * Returns the request line, or the diagnostic that says why it is not one.
 */
export function parseRequestLine(text: string, line: number, start: number, end: number): RequestLine | Diagnostic {
  const found = words(text, start, end);
  let urlEnd = end;
  let httpVersion: string | undefined;
  const last = found[found.length - 1];
  if (found.length >= 2 && last && HTTP_VERSION.test(last.text)) {
    httpVersion = last.text;
    found.pop();
    const previous = found[found.length - 1];
    urlEnd = previous ? previous.start + previous.text.length : end;
  }
  const [first, second] = found;
  if (!first) return diagnostic(lineRange(line, start, end), 'error', 'bad-request-line', 'expected a request line: METHOD URL, e.g. GET /path');
  const shownText = text.slice(start, end);
  let method: HttpMethod | undefined;
  let urlStart: number;
  let warning: Diagnostic | undefined;
  if (first.text === 'curl' && second) {
    const reason = 'cURL command (REST Client): Loadlens does not convert cURL commands, so this request is skipped; write it as METHOD URL and headers to load-test it';
    return { method: 'curl', url: text.slice(second.start, end), urlStart: second.start, skip: reason };
  }
  const scheme = OTHER_SCHEME.exec(second?.text ?? first.text);
  if (scheme && (!second || asHttpMethod(first.text) !== undefined)) {
    const protocol = (scheme[1] ?? '').toUpperCase().replace(/S$/, '');
    const reason = `${protocol === 'UNIX' ? 'Unix socket' : protocol} request: Loadlens load-tests HTTP only, so this request is skipped; the rest of the file runs`;
    const target = second ?? first;
    return { method: second ? first.text.toUpperCase() : protocol, url: target.text, urlStart: target.start, skip: reason };
  }
  if (!second && looksLikeUrl(first.text)) {
    method = 'GET';
    urlStart = first.start;
  } else if (second) {
    method = methodOf(first.text);
    urlStart = second.start;
    const firstRange = lineRange(line, first.start, first.start + first.text.length);
    if (!method) {
      if (/^[A-Za-z]+$/.test(first.text)) return methodProblem(first.text, firstRange);
      return diagnostic(lineRange(line, start, end), 'error', 'bad-request-line', `cannot read ${quote(shownText)} as a request line: write METHOD URL, e.g. GET /path`);
    }
    warning = unusualMethod(method, firstRange);
  } else {
    const known = methodOf(first.text);
    const message = known
      ? `${known} needs a URL: e.g. ${known} /path`
      : `cannot read ${quote(shownText)} as a request line: write METHOD URL, e.g. GET /path`;
    return diagnostic(lineRange(line, start, end), 'error', 'bad-request-line', message);
  }
  const written = text.slice(urlStart, urlEnd);
  const url = withoutFragment(written);
  const result: RequestLine = { method, url, urlStart };
  if (httpVersion !== undefined) result.httpVersion = httpVersion;
  if (warning) result.warning = warning;
  if (SKIPPED_PROTOCOLS.has(method)) {
    result.skip = `${method} request: Loadlens load-tests HTTP only, so this request is skipped; the rest of the file runs`;
    return result;
  }
  if (url === '*' && method === 'OPTIONS') {
    result.skip = 'OPTIONS * asks about the whole server, not a resource: Loadlens skips it under load; the rest of the file runs';
    return result;
  }
  if (!looksLikeUrl(url)) {
    const message = `URL ${quote(written)} must start with / (resolved against the host), http://, https:// or a {{variable}}`;
    return diagnostic(lineRange(line, urlStart, urlEnd), 'error', 'bad-url', message);
  }
  return result;
}

export function isDiagnostic(value: RequestLine | Diagnostic): value is Diagnostic {
  return 'code' in value;
}
