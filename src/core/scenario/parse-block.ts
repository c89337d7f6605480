// One request block: directives and comments, the request line (with `?`/`&` continuation
// lines), headers, an empty line, then the body up to the next `###`.
import type { Directive, HeaderLine, RequestBlock, RequestBody, Template } from './model';
import { addVariable, useTemplate, type ParseContext } from './context';
import { admitDirective, makeDirective } from './directive-lines';
import { classifyLine, trimmedSpan } from './lines';
import { diagnostic, lineRange, quote } from './ranges';
import { applyRequestDirective, type RequestSettings } from './request-directives';
import { isDiagnostic, parseRequestLine } from './request-line';
import { statsNameOf } from './stats-name';
import { joinTemplates } from './template';

export interface ParsedBlock {
  request?: RequestBlock;
  task?: { weight: number; directive: Directive };
}

const HEADER_LINE = /^([!#$%&'*+.^_`|~\w-]+)[ \t]*:[ \t]*/;
const BODY_FILE = /^<\s+(\S.*)$/;

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

function onlyComments(lines: string[], from: number, last: number): boolean {
  for (let line = from; line <= last; line++) {
    const text = (lines[line] ?? '').trimStart();
    if (text !== '' && !text.startsWith('#') && !text.startsWith('//')) return false;
  }
  return true;
}

function readBody(ctx: ParseContext, from: number, to: number, index: number): RequestBody | undefined {
  let last = to - 1;
  while (last >= from && (ctx.lines[last] ?? '').trim() === '') last--;
  if (last < from) return undefined;
  // A note between requests (`GET /a`, empty line, `# next: admin`) is not a body to send.
  if (onlyComments(ctx.lines, from, last)) return undefined;
  const lastText = ctx.lines[last] ?? '';
  const range = { start: { line: from, character: 0 }, end: { line: last, character: lastText.length } };
  let first = from;
  while ((ctx.lines[first] ?? '').trim() === '') first++;
  const file = first === last ? BODY_FILE.exec(lastText.trim()) : null;
  if (file) {
    const [start, end] = trimmedSpan(lastText);
    return { kind: 'file', path: (file[1] ?? '').trim(), range: lineRange(last, start, end) };
  }
  const raw = ctx.lines.slice(from, last + 1).join('\n');
  return { kind: 'inline', template: useTemplate(ctx, raw, from, 0, index), range };
}

/**
 * Parses lines [from, to) as request block `index`. `from` is the `###` line, or (for a request
 * written in the header) the request line itself.
 */
export function parseBlock(ctx: ParseContext, from: number, to: number, index: number): ParsedBlock {
  const first = classifyLine(ctx.lines[from] ?? '');
  const title = first.kind === 'separator' && first.title !== '' ? first.title : undefined;
  const settings: RequestSettings = { thresholds: [] };
  const seen = new Map<string, Directive>();
  let requestLine: ReturnType<typeof parseRequestLine> | undefined;
  let requestLineNumber = -1;
  let urlPieces: Template[] = [];
  const headers: HeaderLine[] = [];
  let phase: 'before' | 'headers' | 'body' = 'before';
  let bodyFrom = to;
  let lastContent = from;
  for (let line = first.kind === 'separator' ? from + 1 : from; line < to && phase !== 'body'; line++) {
    const text = ctx.lines[line] ?? '';
    const found = classifyLine(text);
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
      else urlPieces = [useTemplate(ctx, requestLine.url, line, requestLine.urlStart, index)];
    } else if (found.kind === 'other' && urlPieces.length > 0 && line === requestLineNumber + urlPieces.length && /^[?&]/.test(found.text)) {
      // REST Client's multi-line query: `?a=1` / `&b=2` lines right under the request line.
      urlPieces.push(useTemplate(ctx, found.text, line, found.start, index));
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
  const body = readBody(ctx, bodyFrom, to, index);
  const lastLine = body ? body.range.end.line : lastContent;
  const url = joinTemplates(urlPieces);
  const request: RequestBlock = {
    index,
    statsName: statsNameOf(requestLine.method, url.raw, title),
    method: requestLine.method,
    url,
    headers,
    thresholds: settings.thresholds,
    range: { start: { line: from, character: 0 }, end: { line: lastLine, character: (ctx.lines[lastLine] ?? '').length } },
    requestLineRange: lineRange(requestLineNumber, ...trimmedSpan(ctx.lines[requestLineNumber] ?? '')),
  };
  if (title !== undefined) request.title = title;
  if (settings.name !== undefined) request.name = settings.name;
  if (requestLine.httpVersion !== undefined) request.httpVersion = requestLine.httpVersion;
  if (body) request.body = body;
  if (settings.expect) request.expect = settings.expect;
  if (settings.think) request.think = settings.think;
  if (settings.timeoutMs !== undefined) request.timeoutMs = settings.timeoutMs;
  return settings.task ? { request, task: settings.task } : { request };
}
