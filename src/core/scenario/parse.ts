// The parser: one pass over the lines, header first, then the first request (with or without
// `###`) and each `###` block. It keeps the
// diagnostics it meets on the way; `check.ts` adds those that need the whole file.
import type { Diagnostic, Directive, RequestBlock, Scenario, SkippedRequest } from './model';
import type { ParseContext, TemplateUse } from './context';
import { addVariable } from './context';
import { admitDirective, makeDirective } from './directive-lines';
import { applyHeaderDirective, emptyHeaderSettings, type HeaderSettings } from './header-directives';
import { directiveInfo } from './directives-catalog';
import { scanForeignLines } from './foreign-lines';
import { classifyLine, lineEnding, splitLines, trimmedSpan } from './lines';
import { buildLoadModel } from './load-model';
import { parseBlock, type ImplicitStart } from './parse-block';
import { diagnostic, lineRange, quote } from './ranges';
import { looksLikeRequestLine } from './request-line';
import { misplacedCheck } from './response-checks';
import { readResponseShorthands } from './response-shorthand';
import { buildTasks, type TaskMark } from './tasks';

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_STOP_TIMEOUT_MS = 0;

export interface ParseOutput {
  scenario: Scenario;
  diagnostics: Diagnostic[];
  templates: TemplateUse[];
}

const SEPARATOR = /^\s*###/;

/** Where the header ends and, when the first request has no `###`, how its lines are shared out. */
interface HeaderShape {
  /** The first request line written without `###` above it. */
  implicitRequest?: number;
  /** First line of the comment lines directly above that request line (= the line when none). */
  attachedFrom: number;
}

function isCommentLine(ctx: ParseContext, line: number): boolean {
  if (ctx.marks[line] !== undefined) return true;
  const kind = classifyLine(ctx.lines[line] ?? '').kind;
  return kind === 'comment' || kind === 'directive';
}

function isScenarioDirective(ctx: ParseContext, line: number): boolean {
  const found = classifyLine(ctx.lines[line] ?? '');
  return found.kind === 'directive' && directiveInfo(found.name)?.scope === 'header';
}

function headerShape(ctx: ParseContext, end: number): HeaderShape {
  for (let line = 0; line < end; line++) {
    if (ctx.marks[line] !== undefined) continue;
    const found = classifyLine(ctx.lines[line] ?? '');
    if (found.kind !== 'other' || !looksLikeRequestLine(found.text)) continue;
    // The comment lines directly above, after the last scenario-only directive among them.
    let attachedFrom = line;
    while (attachedFrom > 0 && isCommentLine(ctx, attachedFrom - 1) && !isScenarioDirective(ctx, attachedFrom - 1)) attachedFrom--;
    return { implicitRequest: line, attachedFrom };
  }
  return { attachedFrom: end };
}

/**
 * When the first request has no `###`, a directive above it belongs to the request if only a
 * request takes it, or if both levels take it and it stands in the comment lines directly
 * above the request line; else to the scenario (docs/scenario-requests.md, "Lines").
 */
function belongsToRequest(name: string, line: number, shape: HeaderShape): boolean {
  if (shape.implicitRequest === undefined) return false;
  const scope = directiveInfo(name)?.scope;
  return scope === 'request' || (scope === 'both' && line >= shape.attachedFrom);
}

/** Header lines [0, end): directives, variables, comments. Returns the lines a first request without `###` adopts. */
function parseHeader(ctx: ParseContext, end: number, settings: HeaderSettings, shape: HeaderShape): number[] {
  const seen = new Map<string, Directive>();
  const adopted: number[] = [];
  for (let line = 0; line < end; line++) {
    if (ctx.marks[line] === 'check') ctx.diagnostics.push(misplacedCheck(ctx.lines[line] ?? '', line));
    if (ctx.marks[line] !== undefined) continue;
    const text = ctx.lines[line] ?? '';
    const found = classifyLine(text);
    if (found.kind === 'directive') {
      if (belongsToRequest(found.name, line, shape)) {
        adopted.push(line);
        continue;
      }
      const directive = makeDirective(ctx, line, found, 'header');
      if (admitDirective(ctx, directive, seen)) applyHeaderDirective(ctx, directive, settings);
    } else if (found.kind === 'variable') {
      addVariable(ctx, line, found.name, found.nameStart, found.value, found.valueStart);
    } else if (found.kind === 'other') {
      const range = lineRange(line, found.start, found.end);
      const message = `cannot read ${quote(found.text)}: above the first request go # comments, # @directives and @name = value variables; a request starts with METHOD URL (or ###)`;
      ctx.diagnostics.push(diagnostic(range, 'error', 'unexpected-line', message));
    }
  }
  return adopted;
}

/** The quick fix that makes the reading of a first request without `###` explicit. */
function explicitSeparatorHint(ctx: ParseContext, shape: HeaderShape, requestLine: number): void {
  const hasDirectives = ctx.directives.some((directive) => directive.range.start.line < requestLine && directiveInfo(directive.name) !== undefined);
  if (!hasDirectives) return;
  const text = ctx.lines[requestLine] ?? '';
  const fix = { title: 'Insert ### above this request', edits: [{ range: lineRange(shape.attachedFrom, 0, 0), newText: `###${ctx.eol}` }] };
  const message = 'the first request has no ###: the scenario directives above it apply to the whole file, the request directives in the lines directly above it to this request; insert ### to make that explicit';
  ctx.diagnostics.push(diagnostic(lineRange(requestLine, ...trimmedSpan(text)), 'info', 'implicit-first-request', message, [fix]));
}

export function parseWithDiagnostics(text: string): ParseOutput {
  const lines = splitLines(text);
  const foreign = scanForeignLines(lines);
  const ctx: ParseContext = { lines, eol: lineEnding(text), diagnostics: [...foreign.diagnostics], templates: [], directives: [], variables: [], marks: foreign.marks };
  const separators: number[] = [];
  for (let line = 0; line < lines.length; line++) if (foreign.marks[line] === undefined && SEPARATOR.test(lines[line] ?? '')) separators.push(line);
  const firstSeparator = separators[0] ?? lines.length;
  const shape = headerShape(ctx, firstSeparator);
  const settings = emptyHeaderSettings();
  const adopted = parseHeader(ctx, shape.implicitRequest ?? firstSeparator, settings, shape);
  const blocks: Array<{ from: number; to: number; implicit?: ImplicitStart }> = [];
  if (shape.implicitRequest !== undefined) {
    blocks.push({ from: shape.implicitRequest, to: firstSeparator, implicit: { adopted, rangeStart: shape.attachedFrom } });
    explicitSeparatorHint(ctx, shape, shape.implicitRequest);
  }
  separators.forEach((line, s) => blocks.push({ from: line, to: separators[s + 1] ?? lines.length }));
  const requests: RequestBlock[] = [];
  const marks: Array<TaskMark | undefined> = [];
  const skipped: SkippedRequest[] = [];
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b] as (typeof blocks)[number];
    const index = requests.length;
    const directivesBefore = ctx.directives.length;
    const templatesBefore = ctx.templates.length;
    const parsed = parseBlock(ctx, block.from, block.to, index, block.implicit);
    if (parsed.skipped) skipped.push(parsed.skipped);
    if (parsed.next !== undefined) blocks.splice(b + 1, 0, { from: parsed.next, to: block.to, implicit: { adopted: [], rangeStart: parsed.next } });
    if (!parsed.request) {
      // What a block without a (readable) request holds belongs to no request, not to the next one.
      for (const directive of ctx.directives.slice(directivesBefore)) directive.scope = -1;
      for (const use of ctx.templates.slice(templatesBefore)) delete use.request;
      continue;
    }
    requests.push(parsed.request);
    if (parsed.task) marks[index] = { kind: 'task', weight: parsed.task.weight, range: parsed.task.directive.range };
    else if (parsed.sequence) marks[index] = { kind: parsed.sequence.kind, weight: 0, range: parsed.sequence.directive.range };
  }
  readResponseShorthands(ctx.templates, requests, settings.data);
  const load = buildLoadModel(settings.load, ctx.diagnostics);
  const scenario: Scenario = {
    variables: ctx.variables,
    directives: ctx.directives,
    timeoutMs: settings.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    stopTimeoutMs: settings.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS,
    data: settings.data,
    thresholds: settings.thresholds,
    requests,
    tasks: [],
    lineCount: lines.length,
  };
  const groups = buildTasks(requests, marks, ctx.diagnostics);
  scenario.tasks = groups.tasks;
  if (groups.onStart) scenario.onStart = groups.onStart;
  if (groups.setup) scenario.setup = groups.setup;
  if (settings.host) scenario.host = settings.host;
  if (load) scenario.load = load;
  if (settings.think) scenario.think = settings.think;
  if (settings.seed !== undefined) scenario.seed = settings.seed;
  if (settings.noRedirect) scenario.noRedirect = true;
  if (settings.noCookieJar) scenario.noCookieJar = true;
  if (settings.http1) scenario.http1 = true;
  if (skipped.length > 0) scenario.skipped = skipped;
  return { scenario, diagnostics: ctx.diagnostics, templates: ctx.templates };
}

/** Parse text into the model. Never throws; what it cannot understand is left out of the model. */
export function parseScenario(text: string): Scenario {
  return parseWithDiagnostics(text).scenario;
}
