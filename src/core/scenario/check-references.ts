// References inside templates: variables, data bindings and columns, named requests.
import type { CheckEnvironment, DataBinding, Diagnostic, Scenario, TemplatePart } from './model';
import type { TemplateUse } from './context';
import { diagnostic, quote, replaceFix } from './ranges';
import { closestMatch } from './suggest';

type Reference<K extends TemplatePart['kind']> = Extract<TemplatePart, { kind: K }>;

interface ReferenceScope {
  variables: Set<string>;
  bindings: Map<string, DataBinding>;
  requestNames: Map<string, number>;
  /** Task position of each request: [task index, position in the task]. */
  taskOf: Map<number, [number, number]>;
  columns: Map<string, string[] | undefined>;
  env: CheckEnvironment;
}

function fixTo(part: { range: Reference<'variable'>['range'] }, from: string, to: string | undefined, inner: string): ReturnType<typeof replaceFix>[] | undefined {
  return to === undefined ? undefined : [replaceFix(`Change to {{${inner.replace(from, to)}}}`, part.range, `{{${inner.replace(from, to)}}}`)];
}

function checkVariable(part: Reference<'variable'>, scope: ReferenceScope, out: Diagnostic[]): void {
  if (scope.variables.has(part.name)) return;
  const message = `unknown variable ${quote(part.name)}: define it with @${part.name} = ... or check the spelling`;
  out.push(diagnostic(part.range, 'error', 'unknown-variable', message, fixTo(part, part.name, closestMatch(part.name, scope.variables), part.name)));
}

function columnsOf(binding: DataBinding, scope: ReferenceScope): string[] | undefined {
  if (!scope.columns.has(binding.file)) scope.columns.set(binding.file, scope.env.csvColumns?.(binding.file));
  return scope.columns.get(binding.file);
}

function checkData(part: Reference<'data'>, scope: ReferenceScope, out: Diagnostic[]): void {
  const inner = `${part.binding}.${part.column}`;
  const binding = scope.bindings.get(part.binding);
  if (!binding) {
    const message = scope.requestNames.has(part.binding)
      ? `${quote(part.binding)} is a request, not a data binding: write {{${part.binding}.response.body.$.${part.column}}} to use its response`
      : `unknown data binding ${quote(part.binding)}: bind a CSV file with # @data FILE.csv as ${part.binding}, or check the spelling`;
    out.push(diagnostic(part.range, 'error', 'unknown-data-binding', message, fixTo(part, part.binding, closestMatch(part.binding, scope.bindings.keys()), inner)));
    return;
  }
  const columns = columnsOf(binding, scope);
  if (!columns || columns.includes(part.column)) return;
  // A few names are enough to spot a typo; a long list would echo a file into every message.
  const listed = columns.length > 6 ? `${columns.slice(0, 6).join(', ')} and ${columns.length - 6} more` : columns.join(', ');
  const message = `${binding.file} has no column ${quote(part.column)} (columns: ${listed}): check the spelling or the CSV header row`;
  const close = closestMatch(part.column, columns);
  const fixes = close === undefined ? undefined : [replaceFix(`Change to {{${part.binding}.${close}}}`, part.range, `{{${part.binding}.${close}}}`)];
  out.push(diagnostic(part.range, 'error', 'unknown-data-column', message, fixes));
}

function checkResponse(part: Reference<'response'>, use: TemplateUse, scope: ReferenceScope, out: Diagnostic[]): void {
  const target = scope.requestNames.get(part.request);
  if (target === undefined) {
    const message = `no request is named ${quote(part.request)}: add # @name ${part.request} above its request line, or check the spelling`;
    const inner = `${part.request}.response.${part.source}.${part.path}`;
    out.push(diagnostic(part.range, 'error', 'unknown-request-name', message, fixTo(part, part.request, closestMatch(part.request, scope.requestNames.keys()), inner)));
    return;
  }
  if (use.request === undefined) return;
  const from = scope.taskOf.get(use.request);
  const to = scope.taskOf.get(target);
  // Within one task, a request that runs at or after this one has no response yet on a user's
  // first iteration: the capture fails there. Across tasks the order is up to chance; not flagged.
  if (from && to && from[0] === to[0] && to[1] >= from[1]) {
    const message = target === use.request
      ? `${quote(part.request)} is this request: it can only use its own previous response, which is missing on a user's first iteration`
      : `${quote(part.request)} runs after this request in its task: on a user's first iteration it has no response yet; move it above this request`;
    out.push(diagnostic(part.range, 'warning', 'forward-response-reference', message));
  }
}

function requestNames(scenario: Scenario): Map<string, number> {
  const names = new Map<string, number>();
  for (const request of scenario.requests) if (request.name !== undefined && !names.has(request.name)) names.set(request.name, request.index);
  return names;
}

function taskPositions(scenario: Scenario): Map<number, [number, number]> {
  const positions = new Map<number, [number, number]>();
  scenario.tasks.forEach((task, taskIndex) => task.requests.forEach((request, position) => positions.set(request, [taskIndex, position])));
  return positions;
}

export function checkReferences(scenario: Scenario, templates: TemplateUse[], env: CheckEnvironment): Diagnostic[] {
  const scope: ReferenceScope = {
    variables: new Set(scenario.variables.map((variable) => variable.name)),
    bindings: new Map(scenario.data.map((binding) => [binding.name, binding])),
    requestNames: requestNames(scenario),
    taskOf: taskPositions(scenario),
    columns: new Map(),
    env,
  };
  const out: Diagnostic[] = [];
  for (const use of templates) {
    for (const part of use.template.parts) {
      if (part.kind === 'variable') checkVariable(part, scope, out);
      else if (part.kind === 'data') checkData(part, scope, out);
      else if (part.kind === 'response') checkResponse(part, use, scope, out);
    }
  }
  return out;
}
