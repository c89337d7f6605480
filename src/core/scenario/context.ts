// State shared by the parser's pieces while it makes one pass over the lines.
import type { Diagnostic, Directive, FileVariable, Range, Template } from './model';
import type { LineMark } from './foreign-lines';
import { lineRange } from './ranges';
import { scanTemplate } from './template';

/** A template and where it was written, for the reference checks that run after parsing. */
export interface TemplateUse {
  template: Template;
  /** The request it belongs to; undefined for `@host` and file variables. */
  request?: number;
}

export interface ParseContext {
  lines: string[];
  /** The file's own line ending, for quick fixes that insert lines. */
  eol: string;
  diagnostics: Diagnostic[];
  templates: TemplateUse[];
  directives: Directive[];
  variables: FileVariable[];
  /** Per line: a block comment or another tool's construct (foreign-lines.ts); undefined otherwise. */
  marks: LineMark[];
}

/** Scans a template, keeps its problems and remembers it for the reference checks. */
export function useTemplate(ctx: ParseContext, raw: string, line: number, start: number, request?: number): Template {
  const template = scanTemplate(raw, line, start, ctx.diagnostics);
  ctx.templates.push(request === undefined ? { template } : { template, request });
  return template;
}

export function addVariable(ctx: ParseContext, line: number, name: string, nameStart: number, value: string, valueStart: number): void {
  const text = ctx.lines[line] ?? '';
  ctx.variables.push({
    name,
    value: useTemplate(ctx, value, line, valueStart),
    range: lineRange(line, nameStart - 1, text.trimEnd().length),
    nameRange: lineRange(line, nameStart, nameStart + name.length),
  });
}

/** A word of a directive's arguments with its place on the line. */
export interface ArgWord {
  text: string;
  range: Range;
}

export function argWords(directive: Directive): ArgWord[] {
  const words: ArgWord[] = [];
  const line = directive.argsRange.start.line;
  const base = directive.argsRange.start.character;
  const pattern = /\S+/g;
  for (let match = pattern.exec(directive.args); match; match = pattern.exec(directive.args)) {
    words.push({ text: match[0], range: lineRange(line, base + match.index, base + match.index + match[0].length) });
  }
  return words;
}
