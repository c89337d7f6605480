// Directive lines: building the model element, and the checks every directive shares
// (known name, right place, not repeated when it takes one value).
import type { Directive } from './model';
import type { ClassifiedLine } from './lines';
import type { ParseContext } from './context';
import { directiveInfo, DIRECTIVE_NAMES, type DirectiveInfo } from './directives-catalog';
import { foreignMetadataTool } from './foreign-metadata';
import { diagnostic, lineRange, quote, replaceFix } from './ranges';
import { closestMatch } from './suggest';

/** Directives that may appear many times; for the others a repeat is a warning (the later one wins). */
const REPEATABLE = new Set(['stage', 'threshold', 'data']);

export function makeDirective(
  ctx: ParseContext,
  line: number,
  found: Extract<ClassifiedLine, { kind: 'directive' }>,
  scope: 'header' | number,
): Directive {
  const text = ctx.lines[line] ?? '';
  const [start] = /^\s*/.exec(text) ?? [''];
  const end = Math.max(text.trimEnd().length, found.nameStart + found.name.length);
  const directive: Directive = {
    name: found.name,
    args: found.args,
    range: lineRange(line, start.length, end),
    nameRange: lineRange(line, found.nameStart - 1, found.nameStart + found.name.length),
    argsRange: lineRange(line, found.argsStart, found.argsStart + found.args.length),
    scope,
  };
  ctx.directives.push(directive);
  return directive;
}

/**
 * The directive's catalog entry when it is known and in the right place; otherwise reports
 * why (unknown: warning with the closest name as a fix; misplaced: error) and returns undefined.
 */
export function admitDirective(ctx: ParseContext, directive: Directive, seen: Map<string, Directive>): DirectiveInfo | undefined {
  const info = directiveInfo(directive.name);
  if (!info) {
    const tool = foreignMetadataTool(directive.name);
    if (tool !== undefined) {
      const message = `${tool} metadata @${directive.name}: not run under load (Loadlens reads it as a comment)`;
      ctx.diagnostics.push(diagnostic(directive.nameRange, 'warning', 'not-run-under-load', message));
      return undefined;
    }
    const close = closestMatch(directive.name, DIRECTIVE_NAMES);
    const fixes = close ? [replaceFix(`Change to @${close}`, directive.nameRange, `@${close}`)] : undefined;
    const hint = close ? `did you mean @${close}?` : 'other tools read it as a comment; Loadlens ignores it';
    ctx.diagnostics.push(diagnostic(directive.nameRange, 'warning', 'unknown-directive', `unknown directive ${quote(`@${directive.name}`)}: ${hint}`, fixes));
    return undefined;
  }
  const inHeader = directive.scope === 'header';
  if (inHeader && info.scope === 'request') {
    const message = `@${info.name} belongs to a request: move it into a request block (after ###, above the request line)`;
    ctx.diagnostics.push(diagnostic(directive.nameRange, 'error', 'misplaced-directive', message));
    return undefined;
  }
  if (!inHeader && info.scope === 'header') {
    const message = `@${info.name} is a scenario directive: move it to the header, above the first ###`;
    ctx.diagnostics.push(diagnostic(directive.nameRange, 'error', 'misplaced-directive', message));
    return undefined;
  }
  const earlier = seen.get(info.name);
  if (earlier && !REPEATABLE.has(info.name)) {
    const message = `@${info.name} is already set on line ${earlier.range.start.line + 1}: the later one wins; remove one of them`;
    ctx.diagnostics.push(diagnostic(directive.nameRange, 'warning', 'duplicate-directive', message));
  }
  seen.set(info.name, directive);
  return info;
}
