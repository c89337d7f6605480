// The request line `METHOD URL [HTTP/1.1]` (a URL alone means GET, as in REST Client).
import type { Diagnostic, HttpMethod, QuickFix, Range } from './model';
import { asHttpMethod, HTTP_METHODS } from './http';
import { diagnostic, lineRange, quote, replaceFix } from './ranges';
import { closestMatch } from './suggest';

export interface RequestLine {
  method: HttpMethod;
  url: string;
  urlStart: number;
  httpVersion?: string;
}

const URL_START = /^(?:\/|https?:\/\/|\{\{)/i;
const HTTP_VERSION = /^HTTP\/\d(?:\.\d)?$/i;
const WORD = /\S+/g;

function looksLikeUrl(text: string): boolean {
  return URL_START.test(text);
}

/** True when a line would be read as a request (used to spot requests in the header). */
export function looksLikeRequestLine(text: string): boolean {
  const first = /^\S+/.exec(text)?.[0] ?? '';
  return looksLikeUrl(first) || (asHttpMethod(first) !== undefined && /\s\S/.test(text));
}

function methodProblem(word: string, range: Range): Diagnostic {
  const close = closestMatch(word.toUpperCase(), HTTP_METHODS);
  const fixes: QuickFix[] | undefined = close ? [replaceFix(`Change to ${close}`, range, close)] : undefined;
  const message = `unknown method ${quote(word)}: use ${HTTP_METHODS.join(', ')}`;
  return diagnostic(range, 'error', 'bad-method', message, fixes);
}

/**
 * Reads a request line, `text` being the whole line and [start, end) its non-blank part.
 * Returns the request line, or the diagnostic that says why it is not one.
 */
export function parseRequestLine(text: string, line: number, start: number, end: number): RequestLine | Diagnostic {
  const words: Array<{ text: string; start: number }> = [];
  WORD.lastIndex = start;
  for (let match = WORD.exec(text); match && match.index < end; match = WORD.exec(text)) {
    words.push({ text: match[0], start: match.index });
  }
  let urlEnd = end;
  let httpVersion: string | undefined;
  const last = words[words.length - 1];
  if (words.length >= 2 && last && HTTP_VERSION.test(last.text)) {
    httpVersion = last.text;
    words.pop();
    const previous = words[words.length - 1];
    urlEnd = previous ? previous.start + previous.text.length : end;
  }
  const [first, second] = words;
  if (!first) return diagnostic(lineRange(line, start, end), 'error', 'bad-request-line', 'expected a request line: METHOD URL, e.g. GET /path');
  let method: HttpMethod | undefined;
  let urlStart: number;
  if (!second && looksLikeUrl(first.text)) {
    method = 'GET';
    urlStart = first.start;
  } else if (second) {
    method = asHttpMethod(first.text);
    urlStart = second.start;
    if (!method) {
      const firstRange = lineRange(line, first.start, first.start + first.text.length);
      if (/^[A-Za-z]+$/.test(first.text)) return methodProblem(first.text, firstRange);
      const shownText = text.slice(start, end);
      return diagnostic(lineRange(line, start, end), 'error', 'bad-request-line', `cannot read ${quote(shownText)} as a request line: write METHOD URL, e.g. GET /path`);
    }
  } else {
    const shownText = text.slice(start, end);
    const known = asHttpMethod(first.text);
    const message = known
      ? `${known} needs a URL: e.g. ${known} /path`
      : `cannot read ${quote(shownText)} as a request line: write METHOD URL, e.g. GET /path`;
    return diagnostic(lineRange(line, start, end), 'error', 'bad-request-line', message);
  }
  const url = text.slice(urlStart, urlEnd);
  if (!looksLikeUrl(url)) {
    const message = `URL ${quote(url)} must start with / (resolved against the host), http://, https:// or a {{variable}}`;
    return diagnostic(lineRange(line, urlStart, urlEnd), 'error', 'bad-url', message);
  }
  return httpVersion === undefined ? { method, url, urlStart } : { method, url, urlStart, httpVersion };
}

export function isDiagnostic(value: RequestLine | Diagnostic): value is Diagnostic {
  return 'code' in value;
}
