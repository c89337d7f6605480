// Names that must be unique or well-founded: request names and file variables.
import type { Diagnostic, Directive, FileVariable, Scenario } from './model';
import { diagnostic } from './ranges';

export function checkDuplicateNames(scenario: Scenario): Diagnostic[] {
  // The `@name` line that named each request (the last one in its block wins).
  const nameLines = new Map<number, Directive>();
  for (const directive of scenario.directives) {
    if (directive.name === 'name' && typeof directive.scope === 'number') nameLines.set(directive.scope, directive);
  }
  const out: Diagnostic[] = [];
  const firstLine = new Map<string, number>();
  for (const request of scenario.requests) {
    const directive = nameLines.get(request.index);
    if (request.name === undefined || !directive) continue;
    const earlier = firstLine.get(request.name);
    if (earlier === undefined) firstLine.set(request.name, directive.range.start.line);
    else {
      const message = `another request is already named '${request.name}' (line ${earlier + 1}): give each request its own name`;
      out.push(diagnostic(directive.argsRange, 'error', 'duplicate-name', message));
    }
  }
  return out;
}

/** Variables that refer to themselves, directly or through others (later definitions win). */
export function checkVariableCycles(scenario: Scenario): Diagnostic[] {
  const effective = new Map<string, FileVariable>();
  for (const variable of scenario.variables) effective.set(variable.name, variable);
  const state = new Map<string, 'visiting' | 'done'>();
  const out: Diagnostic[] = [];
  for (const start of effective.keys()) {
    if (state.has(start)) continue;
    // Iterative depth-first walk, so that a long chain of variables cannot overflow the stack.
    const path: string[] = [start];
    const pending: string[][] = [references(effective.get(start))];
    state.set(start, 'visiting');
    while (path.length > 0) {
      const next = pending[pending.length - 1]?.pop();
      if (next === undefined) {
        state.set(path.pop() as string, 'done');
        pending.pop();
        continue;
      }
      const seen = state.get(next);
      if (seen === 'visiting') {
        const names = [...path.slice(path.indexOf(next)), next];
        const cycle = names.length > 6 ? [...names.slice(0, 3), '...', ...names.slice(-2)].join(' -> ') : names.join(' -> ');
        const variable = effective.get(next) as FileVariable;
        out.push(diagnostic(variable.nameRange, 'error', 'variable-cycle', `variable '${next}' refers to itself (${cycle}): break the cycle`));
      } else if (seen === undefined && effective.has(next)) {
        state.set(next, 'visiting');
        path.push(next);
        pending.push(references(effective.get(next)));
      }
    }
  }
  return out;
}

function references(variable: FileVariable | undefined): string[] {
  if (!variable) return [];
  const names: string[] = [];
  for (const part of variable.value.parts) if (part.kind === 'variable') names.push(part.name);
  return names;
}
