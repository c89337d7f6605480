// One request block: directives and comments, the request line (with `?`/`&` continuation
// lines), headers, an empty line, then the body up to the next `###`.
import type { BodyFilePart, Directive, HeaderLine, RequestBlock, RequestBody, ResponseCheck, SkippedRequest, Template } from './model';
import { addVariable, useTemplate, type ParseContext } from './context';
import { admitDirective, makeDirective } from './directive-lines';
import { classifyLine, trimmedSpan } from './lines';
import { diagnostic, lineRange, quote } from './ranges';
import { applyRequestDirective, type RequestSettings } from './request-directives';
import { COMMON_HEADERS } from './http';
import { isDiagnostic, looksLikeRequestLine, parseRequestLine } from './request-line';
import { statsNameOf } from './stats-name';
import { joinTemplates } from './template';
import { knownBodyEncoding } from './body-file-encoding';
import { misplacedCheck, parseCheckLine } from './response-checks';

export interface ParsedBlock {
  request?: RequestBlock;
  task?: { weight: number; directive: Directive };
  /** `# @on-start` / `# @setup`: this block starts that sequence. */
  sequence?: RequestSettings['sequence'];
  /** A request that is read but not load-tested (another protocol, `OPTIONS *`). */
  skipped?: SkippedRequest;
  /** Where a next request written without `###` starts (httpYac: request lines one after another). */
  next?: number;
}

const HEADER_LINE = /^([!#$%&'*+.^_`|~\w-]+)[ \t]*:[ \t]*/;
/** `< ./file`, `<@ ./file`, `<@latin1 ./file` (REST Client). */
const BODY_FILE = /^<(@[\w-]*)?\s+(\S.*)$/;
/** `?a=1` / `&b=2` (REST Client), or an indented piece of the URL (JetBrains). */
const QUERY_CONTINUATION = /^[?&]/;

function readHeader(ctx: ParseContext, line: number, text: string, start: number, end: number, index: number): HeaderLine | undefined {
  const match = HEADER_LINE.exec(text.slice(start, end));
  if (!match) {
    const message = `cannot read ${quote(text.slice(start, end))} as a header: write Name: value, and leave an empty line before the body`;
    ctx.diagnostics.push(diagnostic(lineRange(line, start, end), 'error', 'bad-header', message));
    return undefined;
  }
  const valueStart = start + match[0].length;
  return { name: match[1] ?? '', value: useTemplate(ctx, text.slice(valueStart, end), line, valueStart, index), range: lineRange(line, start, end) };
}

/**
 * A line among the headers that is no header starts the body, as in httpYac, unless it reads as
 * a header written wrong (`Content-Type application/json`): then it is a bad-header error.
 */
function startsBody(text: string): boolean {
  if (HEADER_LINE.test(text)) return false;
  const firstWord = /^[^\s:]+/.exec(text)?.[0] ?? '';
  const headerLike = COMMON_HEADERS.some((name) => name.toLowerCase() === firstWord.toLowerCase()) || /^[A-Z][a-z]+(?:-[A-Z][a-z]+)+$/.test(firstWord);
  return !headerLike;
}

function continuesUrl(text: string, trimmed: string): boolean {
  if (QUERY_CONTINUATION.test(trimmed)) return true;
  const indented = /^[ \t]/.test(text);
  return indented && (trimmed.startsWith('/') || !HEADER_LINE.test(trimmed));
}

function onlyComments(lines: string[], marks: ParseContext['marks'], from: number, last: number): boolean {
  for (let line = from; line <= last; line++) {
    const text = (lines[line] ?? '').trimStart();
    if (text !== '' && !text.startsWith('#') && !text.startsWith('//') && marks[line] === undefined) return false;
  }
  return true;
}

/** The `< ./file` lines of a multipart body (REST Client, httpYac, JetBrains). */
function filePartsOf(lines: string[], from: number, last: number): BodyFilePart[] {
  const parts: BodyFilePart[] = [];
  for (let line = from; line <= last; line++) {
    const text = lines[line] ?? '';
    const file = BODY_FILE.exec(text.trim());
    if (file) parts.push({ path: (file[2] ?? '').trim(), range: lineRange(line, ...trimmedSpan(text)) });
  }
  return parts;
}

function readBody(ctx: ParseContext, from: number, blockEnd: number, index: number): RequestBody | undefined {
  // A script, handler or `??` check after the body ends it: those lines are not sent.
  let to = from;
  while (to < blockEnd && ctx.marks[to] !== 'foreign' && ctx.marks[to] !== 'check') to++;
  let last = to - 1;
  while (last >= from && (ctx.lines[last] ?? '').trim() === '') last--;
  if (last < from) return undefined;
  // A note between requests (`GET /a`, empty line, `# next: admin`) is not a body to send.
  if (onlyComments(ctx.lines, ctx.marks, from, last)) return undefined;
  const lastText = ctx.lines[last] ?? '';
  const range = { start: { line: from, character: 0 }, end: { line: last, character: lastText.length } };
  let first = from;
  while ((ctx.lines[first] ?? '').trim() === '') first++;
  const file = first === last ? BODY_FILE.exec(lastText.trim()) : null;
  if (file) {
    const [start, end] = trimmedSpan(lastText);
    const body: RequestBody = { kind: 'file', path: (file[2] ?? '').trim(), range: lineRange(last, start, end) };
    const modifier = file[1];
    if (modifier !== undefined) {
      body.variables = true;
      if (modifier.length > 1) body.encoding = modifier.slice(1);
      if (knownBodyEncoding(body.encoding) === undefined) {
        const message = `${modifier}: unknown encoding ${quote(body.encoding ?? '')}: Loadlens reads <@ (UTF-8) and <@latin1 body files`;
        ctx.diagnostics.push(diagnostic(lineRange(last, start, start + 1 + modifier.length), 'error', 'body-file-encoding', message));
      }
    }
    return body;
  }
  const raw = ctx.lines.slice(from, last + 1).join('\n');
  const body: RequestBody = { kind: 'inline', template: useTemplate(ctx, raw, from, 0, index), range };
  const parts = filePartsOf(ctx.lines, first, last);
  if (parts.length > 0) body.parts = parts;
  if (parts.length > 0 && body.template.parts.some((part) => part.kind !== 'text')) {
    // Parts are assembled once per run (src/engine/multipart-parts.ts), for bodies without {{ }} only.
    const message = 'this multipart body uses {{ }}: Loadlens sends its < file lines as text; put the values in the files, or drop the {{ }}';
    for (const part of parts) ctx.diagnostics.push(diagnostic(part.range, 'warning', 'multipart-parts-as-text', message));
  }
  return body;
}

/** The `??` lines of lines [from, to): checks after the request line, a warning for any above it. */
function readChecks(ctx: ParseContext, from: number, to: number, requestLine: number): ResponseCheck[] {
  const checks: ResponseCheck[] = [];
  for (let line = from; line < to; line++) {
    if (ctx.marks[line] !== 'check') continue;
    const text = ctx.lines[line] ?? '';
    if (line < requestLine) {
      ctx.diagnostics.push(misplacedCheck(text, line));
      continue;
    }
    const parsed = parseCheckLine(text, line);
    ctx.diagnostics.push(...parsed.diagnostics);
    if (parsed.check) checks.push(parsed.check);
  }
  return checks;
}

/** A first request written without `###`: the directive lines above it that are its own. */
export interface ImplicitStart {
  adopted: readonly number[];
  /** The first line of the request's range (its comment lines, else the request line). */
  rangeStart: number;
}

/**
 * Parses lines [from, to) as request block `index`. `from` is the `###` line, or (for a first
 * request written without `###`) the request line itself, with the directives it adopts.
 */
export function parseBlock(ctx: ParseContext, from: number, to: number, index: number, implicit?: ImplicitStart): ParsedBlock {
  const first = classifyLine(ctx.lines[from] ?? '');
  const title = first.kind === 'separator' && first.title !== '' ? first.title : undefined;
  const settings: RequestSettings = { thresholds: [] };
  const seen = new Map<string, Directive>();
  for (const line of implicit?.adopted ?? []) {
    const found = classifyLine(ctx.lines[line] ?? '');
    if (found.kind !== 'directive') continue;
    const directive = makeDirective(ctx, line, found, index);
    if (admitDirective(ctx, directive, seen)) applyRequestDirective(ctx, directive, index, settings);
  }
  let requestLine: ReturnType<typeof parseRequestLine> | undefined;
  let requestLineNumber = -1;
  let urlPieces: Template[] = [];
  const headers: HeaderLine[] = [];
  let phase: 'before' | 'headers' | 'body' = 'before';
  let bodyFrom = to;
  let blockEnd = to;
  let lastContent = from;
  for (let line = first.kind === 'separator' ? from + 1 : from; line < to && phase !== 'body'; line++) {
    const text = ctx.lines[line] ?? '';
    if (ctx.marks[line] !== undefined) {
      // Another tool's construct or a block comment: read as a comment line.
      lastContent = line;
      continue;
    }
    const found = classifyLine(text);
    const contentBefore = lastContent;
    if (found.kind !== 'empty') lastContent = line;
    if (found.kind === 'empty') {
      if (phase === 'headers') {
        phase = 'body';
        bodyFrom = line + 1;
      }
    } else if (found.kind === 'directive') {
      const directive = makeDirective(ctx, line, found, index);
      if (admitDirective(ctx, directive, seen)) applyRequestDirective(ctx, directive, index, settings);
    } else if (found.kind === 'variable') {
      addVariable(ctx, line, found.name, found.nameStart, found.value, found.valueStart);
    } else if (found.kind === 'other' && phase === 'before') {
      phase = 'headers';
      requestLine = parseRequestLine(text, line, found.start, found.end);
      requestLineNumber = line;
      if (isDiagnostic(requestLine)) ctx.diagnostics.push(requestLine);
      else if (requestLine.skip !== undefined) {
        ctx.diagnostics.push(diagnostic(lineRange(line, found.start, found.end), 'warning', 'skipped-request', requestLine.skip));
        return { skipped: { name: `${requestLine.method} ${requestLine.url}`, line: line + 1, reason: requestLine.skip } };
      } else {
        if (requestLine.warning) ctx.diagnostics.push(requestLine.warning);
        urlPieces = [useTemplate(ctx, requestLine.url, line, requestLine.urlStart, index)];
      }
    } else if (found.kind === 'other' && urlPieces.length > 0 && line === requestLineNumber + urlPieces.length && continuesUrl(text, found.text)) {
      // REST Client's multi-line query (`?a=1` / `&b=2` lines) and JetBrains' indented URL pieces.
      urlPieces.push(useTemplate(ctx, found.text, line, found.start, index));
    } else if (found.kind === 'other' && phase === 'headers' && looksLikeRequestLine(found.text) && !HEADER_LINE.test(found.text)) {
      // httpYac reads request lines one after another as separate requests.
      blockEnd = line;
      lastContent = contentBefore;
      break;
    } else if (found.kind === 'other' && phase === 'headers' && startsBody(found.text)) {
      // A body right under the request line or the headers, without the empty line (httpYac).
      phase = 'body';
      bodyFrom = line;
    } else if (found.kind === 'other') {
      const header = readHeader(ctx, line, text, found.start, found.end, index);
      if (header) headers.push(header);
    }
  }
  if (!requestLine || isDiagnostic(requestLine)) {
    if (!requestLine && seen.size > 0) {
      const message = 'this block has directives but no request line: add one (e.g. GET /path) or remove the block';
      ctx.diagnostics.push(diagnostic(lineRange(from, 0, (ctx.lines[from] ?? '').trimEnd().length), 'warning', 'missing-request-line', message));
    }
    return {};
  }
  const body = readBody(ctx, Math.min(bodyFrom, blockEnd), blockEnd, index);
  const checks = readChecks(ctx, from, blockEnd, requestLineNumber);
  const lastCheck = checks[checks.length - 1]?.range.end.line ?? -1;
  const lastLine = Math.max(body ? body.range.end.line : lastContent, lastCheck);
  const url = joinTemplates(urlPieces);
  const request: RequestBlock = {
    index,
    statsName: statsNameOf(requestLine.method, url.raw, title),
    method: requestLine.method,
    url,
    headers,
    thresholds: settings.thresholds,
    range: { start: { line: implicit?.rangeStart ?? from, character: 0 }, end: { line: lastLine, character: (ctx.lines[lastLine] ?? '').length } },
    requestLineRange: lineRange(requestLineNumber, ...trimmedSpan(ctx.lines[requestLineNumber] ?? '')),
  };
  if (title !== undefined) request.title = title;
  if (settings.name !== undefined) request.name = settings.name;
  if (requestLine.httpVersion !== undefined) request.httpVersion = requestLine.httpVersion;
  if (body) request.body = body;
  if (settings.expect) request.expect = settings.expect;
  if (checks.length > 0) request.checks = checks;
  if (settings.think) request.think = settings.think;
  if (settings.timeoutMs !== undefined) request.timeoutMs = settings.timeoutMs;
  if (settings.noRedirect) request.noRedirect = true;
  if (settings.noCookieJar) request.noCookieJar = true;
  const parsed: ParsedBlock = settings.task ? { request, task: settings.task } : { request };
  if (settings.sequence) parsed.sequence = settings.sequence;
  if (blockEnd < to) parsed.next = blockEnd;
  return parsed;
}
