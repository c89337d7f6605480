// The parser: one pass over the lines, header first, then each `###` block. It keeps the
// diagnostics it meets on the way; `check.ts` adds those that need the whole file.
import type { Diagnostic, Directive, RequestBlock, Scenario } from './model';
import type { ParseContext, TemplateUse } from './context';
import { addVariable } from './context';
import { admitDirective, makeDirective } from './directive-lines';
import { applyHeaderDirective, emptyHeaderSettings, type HeaderSettings } from './header-directives';
import { classifyLine, lineEnding, splitLines } from './lines';
import { buildLoadModel } from './load-model';
import { parseBlock } from './parse-block';
import { diagnostic, lineRange, quote } from './ranges';
import { looksLikeRequestLine } from './request-line';
import { buildTasks, type TaskMark } from './tasks';

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_STOP_TIMEOUT_MS = 0;

export interface ParseOutput {
  scenario: Scenario;
  diagnostics: Diagnostic[];
  templates: TemplateUse[];
}

const SEPARATOR = /^\s*###/;

/** Header lines [0, end): directives, variables, comments. Returns where a request written here starts. */
function parseHeader(ctx: ParseContext, end: number, settings: HeaderSettings): number | undefined {
  const seen = new Map<string, Directive>();
  for (let line = 0; line < end; line++) {
    const text = ctx.lines[line] ?? '';
    const found = classifyLine(text);
    if (found.kind === 'directive') {
      const directive = makeDirective(ctx, line, found, 'header');
      if (admitDirective(ctx, directive, seen)) applyHeaderDirective(ctx, directive, settings);
    } else if (found.kind === 'variable') {
      addVariable(ctx, line, found.name, found.nameStart, found.value, found.valueStart);
    } else if (found.kind === 'other') {
      const range = lineRange(line, found.start, found.end);
      if (looksLikeRequestLine(found.text)) {
        const fix = { title: 'Insert ### above this request', edits: [{ range: lineRange(line, 0, 0), newText: `###${ctx.eol}` }] };
        const message = `request ${quote(found.text)} is in the header: requests go in blocks that start with ###; insert ### above it`;
        ctx.diagnostics.push(diagnostic(range, 'error', 'request-in-header', message, [fix]));
        return line;
      }
      const message = `cannot read ${quote(found.text)}: the header holds # comments, # @directives and @name = value variables; requests go after ###`;
      ctx.diagnostics.push(diagnostic(range, 'error', 'unexpected-line', message));
    }
  }
  return undefined;
}

export function parseWithDiagnostics(text: string): ParseOutput {
  const lines = splitLines(text);
  const ctx: ParseContext = { lines, eol: lineEnding(text), diagnostics: [], templates: [], directives: [], variables: [] };
  const separators: number[] = [];
  for (let line = 0; line < lines.length; line++) if (SEPARATOR.test(lines[line] ?? '')) separators.push(line);
  const headerEnd = separators[0] ?? lines.length;
  const settings = emptyHeaderSettings();
  const strayRequest = parseHeader(ctx, headerEnd, settings);
  if (strayRequest !== undefined) {
    // Parsed as the block the quick fix would make, so its lines raise no second wave of
    // errors, but left out of the model (index -1: no request) until the `###` is there.
    parseBlock(ctx, strayRequest, headerEnd, -1);
  }
  const requests: RequestBlock[] = [];
  const marks: Array<TaskMark | undefined> = [];
  for (let s = 0; s < separators.length; s++) {
    const index = requests.length;
    const directivesBefore = ctx.directives.length;
    const templatesBefore = ctx.templates.length;
    const parsed = parseBlock(ctx, separators[s] ?? 0, separators[s + 1] ?? lines.length, index);
    if (!parsed.request) {
      // What a block without a (readable) request holds belongs to no request, not to the next one.
      for (const directive of ctx.directives.slice(directivesBefore)) directive.scope = -1;
      for (const use of ctx.templates.slice(templatesBefore)) delete use.request;
      continue;
    }
    requests.push(parsed.request);
    marks[index] = parsed.task ? { weight: parsed.task.weight, range: parsed.task.directive.range } : undefined;
  }
  const load = buildLoadModel(settings.load, ctx.diagnostics);
  const scenario: Scenario = {
    variables: ctx.variables,
    directives: ctx.directives,
    timeoutMs: settings.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    stopTimeoutMs: settings.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS,
    data: settings.data,
    thresholds: settings.thresholds,
    requests,
    tasks: buildTasks(requests, marks, ctx.diagnostics),
    lineCount: lines.length,
  };
  if (settings.host) scenario.host = settings.host;
  if (load) scenario.load = load;
  if (settings.think) scenario.think = settings.think;
  if (settings.seed !== undefined) scenario.seed = settings.seed;
  return { scenario, diagnostics: ctx.diagnostics, templates: ctx.templates };
}

/** Parse text into the model. Never throws; what it cannot understand is left out of the model. */
export function parseScenario(text: string): Scenario {
  return parseWithDiagnostics(text).scenario;
}
