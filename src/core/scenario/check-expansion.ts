// How far file variables expand: `@v0 = {{v1}}{{v1}}`, `@v1 = {{v2}}{{v2}}`, ... doubles at each
// level (40 levels: a terabyte), and a chain 20,000 deep overflows any recursive expander. Each
// variable and each template is measured against the limits (src/core/scenario/limits.ts), and
// the diagnostic goes on the line where the limit is crossed. The engine holds the same limits
// when it compiles templates (src/engine/compile-template.ts).

import type { Diagnostic, FileVariable, Scenario, Template, TemplatePart } from './model';
import type { TemplateUse } from './context';
import { formatLimit, MAX_EXPANSION_CHARS, MAX_EXPANSION_DEPTH } from './limits';
import { diagnostic } from './ranges';

interface Size {
  /** Characters before data and responses fill in (a placeholder counts as its own text); saturates. */
  chars: number;
  /** Levels of variables: 1 for a variable that uses none, 0 for a template that uses none. */
  depth: number;
  /** Measured only down to the depth limit: beyond it, whatever the rest holds. */
  cut?: boolean;
}

const BEYOND: Size = { chars: MAX_EXPANSION_CHARS + 1, depth: MAX_EXPANSION_DEPTH + 1, cut: true };

function placeholderLength(part: Exclude<TemplatePart, { kind: 'text' }>): number {
  return part.range.start.line === part.range.end.line ? Math.max(1, part.range.end.character - part.range.start.character) : 1;
}

function over(size: Size): boolean {
  return size.chars > MAX_EXPANSION_CHARS || size.depth > MAX_EXPANSION_DEPTH;
}

class ExpansionMeter {
  private readonly measured = new Map<string, Size>();
  private readonly open = new Set<string>();

  constructor(private readonly variables: ReadonlyMap<string, FileVariable>) {}

  /** A template's size, with the variables it uses expanded. Recursion never goes deeper than the depth limit. */
  template(template: Template, level = 0): Size {
    let chars = 0;
    let depth = 0;
    for (const part of template.parts) {
      let size: Size;
      if (part.kind === 'text') size = { chars: part.text.length, depth: 0 };
      else if (part.kind === 'variable') size = this.variable(part.name, level + 1) ?? { chars: placeholderLength(part), depth: 0 };
      else size = { chars: placeholderLength(part), depth: 0 };
      // Beyond the depth limit already: the other parts change nothing (and are not walked).
      if (size.cut) return BEYOND;
      chars = Math.min(BEYOND.chars, chars + size.chars);
      depth = Math.max(depth, size.depth);
    }
    return { chars, depth };
  }

  /** undefined for an unknown variable or one in a cycle (reported by other checks). */
  variable(name: string, level = 1): Size | undefined {
    const known = this.measured.get(name);
    // A variable measured from level 1 as too deep is too deep from anywhere.
    if (known) return known.cut && level > 1 ? BEYOND : known;
    const variable = this.variables.get(name);
    if (!variable || this.open.has(name)) return undefined;
    // Cut off below the limit: the caller is then beyond it anyway, and the stack stays shallow.
    if (level > MAX_EXPANSION_DEPTH) return BEYOND;
    this.open.add(name);
    const inner = this.template(variable.value, level);
    this.open.delete(name);
    const size: Size = inner.cut ? BEYOND : { chars: inner.chars, depth: Math.min(BEYOND.depth, inner.depth + 1) };
    // A size cut off at a deep level is not the variable's own: it is measured again from its own
    // level. From level 1, a cut means more levels than the limit: that is its own.
    if (level === 1 || !size.cut) this.measured.set(name, size);
    return size;
  }
}

function problem(size: Size, what: string): string {
  if (size.depth > MAX_EXPANSION_DEPTH) {
    return `${what} nests variables more than ${MAX_EXPANSION_DEPTH} deep (a variable that uses a variable that uses ...): at most ${MAX_EXPANSION_DEPTH} levels (docs/security.md, Limits)`;
  }
  return `${what} expands to more than ${formatLimit(MAX_EXPANSION_CHARS)} characters (variables used more than once double it at each level): at most ${formatLimit(MAX_EXPANSION_CHARS)} (docs/security.md, Limits)`;
}

/** Uses beyond a limit whose own variables are within it: the places where a limit is crossed. */
export function checkVariableExpansion(scenario: Scenario, templates: readonly TemplateUse[]): Diagnostic[] {
  const effective = new Map<string, FileVariable>();
  for (const variable of scenario.variables) effective.set(variable.name, variable);
  const meter = new ExpansionMeter(effective);
  const crossesHere = (template: Template): boolean =>
    template.parts.every((part) => part.kind !== 'variable' || !over(meter.variable(part.name) ?? { chars: 0, depth: 0 }));
  const out: Diagnostic[] = [];
  for (const variable of effective.values()) {
    const size = meter.variable(variable.name);
    if (size && over(size) && crossesHere(variable.value)) {
      out.push(diagnostic(variable.nameRange, 'error', 'expansion-limit', problem(size, `@${variable.name}`)));
    }
  }
  const variableTemplates = new Set(scenario.variables.map((variable) => variable.value));
  for (const use of templates) {
    if (variableTemplates.has(use.template)) continue;
    const size = meter.template(use.template);
    if (over(size) && crossesHere(use.template)) out.push(diagnostic(use.template.range, 'error', 'expansion-limit', problem(size, 'this text')));
  }
  return out;
}
