// Postman's `{{name}}` references are the scenario's own syntax: a reference to a variable is
// kept (its name made a valid scenario name), Postman's dynamic variables that have a Loadlens
// equivalent are mapped, and everything else in the text is literal, so that a collection cannot
// smuggle in `{{$processEnv ...}}` or another template.

import { literal, variableName } from './template-text';

const DYNAMIC: Record<string, string> = {
  $guid: '{{$guid}}',
  $randomUUID: '{{$guid}}',
  $timestamp: '{{$timestamp}}',
  $isoTimestamp: '{{$datetime iso8601}}',
  // Postman's $randomInt is 0 to 1000 inclusive; the scenario's upper bound is exclusive.
  $randomInt: '{{$randomInt 0 1001}}',
};

export interface TemplateContext {
  /** Scenario variable names used, with the Postman name each came from. */
  used: Map<string, string>;
  /** Dynamic variables without an equivalent, for one note each. */
  unsupported: Set<string>;
}

export function newTemplateContext(): TemplateContext {
  return { used: new Map(), unsupported: new Set() };
}

/** Template text for Postman text with `{{...}}` references. */
export function postmanTemplate(source: string, context: TemplateContext): string {
  let out = '';
  let last = 0;
  for (const match of source.matchAll(/\{\{([^{}]+)\}\}/g)) {
    out += literal(source.slice(last, match.index));
    last = (match.index ?? 0) + match[0].length;
    const inner = (match[1] ?? '').trim();
    if (inner.startsWith('$')) {
      const mapped = DYNAMIC[inner];
      if (mapped) out += mapped;
      else {
        context.unsupported.add(inner);
        out += literal(match[0]);
      }
      continue;
    }
    const name = variableName(inner);
    context.used.set(name, inner);
    out += `{{${name}}}`;
  }
  return out + literal(source.slice(last));
}

/** `{{name}}` alone (after trimming): the Postman variable it names. */
export function soleReference(source: string): string | undefined {
  const match = /^\s*\{\{([^{}$][^{}]*)\}\}\s*$/.exec(source);
  return match ? (match[1] ?? '').trim() : undefined;
}
