// `{{...}}` templates: literal text and references, each reference with its exact range.
// A template never spans lines inside `{{ }}` (as in REST Client); a body template may hold
// several lines, and its later lines start at character 0.
import { JSON_PATH } from './json-path';
import type { Diagnostic, Range, Template, TemplatePart } from './model';
import { diagnostic, lineRange, quote, replaceFix } from './ranges';
import { foreignSystemVariable, isScriptExpression, notRunMessage } from './foreign-templates';
import { closestMatch } from './suggest';
import { isSystemFunction, SYSTEM_FUNCTION_NAMES } from './system-variables';
import { systemArgumentsProblem } from './system-args';

const IDENTIFIER = /^[A-Za-z_][\w-]*$/;
/** `$`, then `.key` or `[index]` steps. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~\w-]+$/;
const REFERENCE_HELP = 'write {{variable}}, {{$function}}, {{binding.column}} or {{request.response.body.$.path}}';

function readSystem(inner: string, range: Range, problems: Diagnostic[] | undefined): TemplatePart | undefined {
  // A quoted custom date format is one argument, spaces and all: {{$datetime "DD MMM YYYY" 1 d}}.
  const words = inner.slice(1).match(/"[^"]*"|'[^']*'|\S+/g) ?? [];
  const fn = words[0] ?? '';
  const args = words.slice(1);
  if (!isSystemFunction(fn)) {
    const tool = foreignSystemVariable(inner.slice(1));
    if (tool !== undefined) {
      problems?.push(diagnostic(range, 'warning', 'not-run-under-load', notRunMessage(tool, quote(`{{${inner}}}`))));
      return undefined;
    }
    const close = closestMatch(fn, SYSTEM_FUNCTION_NAMES);
    const fixes = close ? [replaceFix(`Change to $${close}`, range, `{{${inner.replace(fn, close)}}}`)] : undefined;
    const known = SYSTEM_FUNCTION_NAMES.map((name) => `$${name}`).join(', ');
    problems?.push(
      diagnostic(range, 'error', 'unknown-system-variable', `unknown system variable ${quote(`$${fn}`)}: use one of ${known}`, fixes),
    );
    return undefined;
  }
  const problem = systemArgumentsProblem(fn, args);
  if (problem) {
    problems?.push(diagnostic(range, 'error', 'bad-system-arguments', problem));
    return undefined;
  }
  return { kind: 'system', fn, args, range };
}

function readResponse(request: string, after: string, range: Range): TemplatePart | string {
  if (after.startsWith('body.')) {
    const path = after.slice(5).trim();
    if (path === '*' || JSON_PATH.test(path)) return { kind: 'response', request, source: 'body', path, range };
    return `cannot read the JSONPath ${quote(path)}: write $ then .key or [index] steps, e.g. ${request}.response.body.$.id, or * for the whole body`;
  }
  if (after.startsWith('headers.')) {
    const path = after.slice(8).trim();
    if (HEADER_NAME.test(path)) return { kind: 'response', request, source: 'headers', path, range };
    return `${quote(path)} is not a header name: write e.g. ${request}.response.headers.Location`;
  }
  return `write ${request}.response.body.$.path, ${request}.response.body.* or ${request}.response.headers.NAME`;
}

/** One `{{inner}}`: a reference part, or undefined (with a problem) when it cannot be read. */
function readReference(rawInner: string, range: Range, problems: Diagnostic[] | undefined): TemplatePart | undefined {
  const inner = rawInner.trim();
  if (inner.startsWith('$')) return readSystem(inner, range, problems);
  if (IDENTIFIER.test(inner)) return { kind: 'variable', name: inner, range };
  if (isScriptExpression(inner)) {
    problems?.push(diagnostic(range, 'warning', 'not-run-under-load', notRunMessage('httpYac JavaScript expression', quote(`{{${inner}}}`))));
    return undefined;
  }
  const dot = inner.indexOf('.');
  const head = dot < 0 ? inner : inner.slice(0, dot);
  const rest = dot < 0 ? '' : inner.slice(dot + 1);
  let result: TemplatePart | string;
  if (inner === '') result = `empty {{}}: ${REFERENCE_HELP}`;
  else if (!IDENTIFIER.test(head) || rest.trim() === '') result = `cannot read ${quote(`{{${inner}}}`)}: ${REFERENCE_HELP}`;
  else if (rest.startsWith('response.') || rest === 'response') result = readResponse(head, rest.slice(9), range);
  else if (rest.startsWith('request.')) result = `${quote(`{{${inner}}}`)}: request references are not supported; use ${head}.response...`;
  else result = { kind: 'data', binding: head, column: rest.trim(), range };
  if (typeof result === 'string') {
    problems?.push(diagnostic(range, 'error', 'bad-template', result));
    return undefined;
  }
  return result;
}

/** The start of a long text, for messages. */
function excerpt(text: string): string {
  return text.length > 30 ? `${text.slice(0, 30)}...` : text;
}

/**
 * Parse a template and report its problems (unclosed `{{`, unreadable references, unknown
 * `$functions`, bad arguments) into `problems`. What cannot be read stays literal text.
 */
export function scanTemplate(raw: string, line: number, startCharacter: number, problems?: Diagnostic[]): Template {
  const parts: TemplatePart[] = [];
  let text = '';
  const flush = (): void => {
    if (text !== '') parts.push({ kind: 'text', text });
    text = '';
  };
  const segments = raw.split('\n');
  let lastEnd = startCharacter;
  for (let s = 0; s < segments.length; s++) {
    const segment = segments[s] ?? '';
    const lineNumber = line + s;
    const base = s === 0 ? startCharacter : 0;
    lastEnd = base + segment.length;
    if (s > 0) text += '\n';
    let at = 0;
    while (at < segment.length) {
      const open = segment.indexOf('{{', at);
      const close = open < 0 ? -1 : segment.indexOf('}}', open + 2);
      if (open < 0 || close < 0) {
        if (open >= 0) {
          problems?.push(
            diagnostic(lineRange(lineNumber, base + open, lastEnd), 'error', 'bad-template', `unclosed ${quote(excerpt(segment.slice(open)))}: add '}}' after the name`),
          );
        }
        text += segment.slice(at);
        break;
      }
      text += segment.slice(at, open);
      const range = lineRange(lineNumber, base + open, base + close + 2);
      const part = readReference(segment.slice(open + 2, close), range, problems);
      if (part) {
        flush();
        parts.push(part);
      } else {
        text += segment.slice(open, close + 2);
      }
      at = close + 2;
    }
  }
  flush();
  const range = { start: { line, character: startCharacter }, end: { line: line + segments.length - 1, character: lastEnd } };
  return { raw, parts, range };
}

/** Parses a template string such as `/patient/{{id}}` (for settings, CLI host etc.). `line` places ranges. */
export function parseTemplate(raw: string, line = 0, startCharacter = 0): Template {
  return scanTemplate(raw, line, startCharacter);
}

/** Joins templates written on consecutive lines (a URL with `?`/`&` continuation lines) into one. */
export function joinTemplates(pieces: Template[]): Template {
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  if (!first || !last || pieces.length === 1) return first ?? parseTemplate('');
  const parts: TemplatePart[] = [];
  for (const piece of pieces) {
    for (const part of piece.parts) {
      const previous = parts[parts.length - 1];
      if (part.kind === 'text' && previous?.kind === 'text') parts[parts.length - 1] = { kind: 'text', text: previous.text + part.text };
      else parts.push(part);
    }
  }
  return { raw: pieces.map((piece) => piece.raw).join(''), parts, range: { start: first.range.start, end: last.range.end } };
}
