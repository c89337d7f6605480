// References inside templates: variables, data bindings and columns, named requests.
import type { CheckEnvironment, DataBinding, Diagnostic, OutsideVariables, Scenario, TemplatePart } from './model';
import type { TemplateUse } from './context';
import { diagnostic, quote, replaceFix } from './ranges';
import { closestMatch } from './suggest';

type Reference<K extends TemplatePart['kind']> = Extract<TemplatePart, { kind: K }>;
/** A task's index, or one of the two sequences (docs/scenario-tasks.md, "Per-user start and run-once setup"). */
type Group = number | 'on-start' | 'setup';

interface ReferenceScope {
  variables: Set<string>;
  bindings: Map<string, DataBinding>;
  requestNames: Map<string, number>;
  /** Where each request runs: its task (index) or sequence, and its position there. */
  taskOf: Map<number, [Group, number]>;
  columns: Map<string, string[] | undefined>;
  env: CheckEnvironment;
}

function fixTo(part: { range: Reference<'variable'>['range'] }, from: string, to: string | undefined, inner: string): ReturnType<typeof replaceFix>[] | undefined {
  return to === undefined ? undefined : [replaceFix(`Change to {{${inner.replace(from, to)}}}`, part.range, `{{${inner.replace(from, to)}}}`)];
}

/** Where an environment file lives, and how to choose an environment, in the words of every message below. */
const ENV_FILE = 'http-client.env.json';
const HOW_TO_CHOOSE = 'choose one (--env NAME on the command line, Loadlens: Select Environment in VS Code)';

function environmentsDefining(name: string, outside: OutsideVariables): string[] {
  return [...outside.environments].filter(([, names]) => names.has(name)).map(([environment]) => environment);
}

function checkVariable(part: Reference<'variable'>, scope: ReferenceScope, out: Diagnostic[]): void {
  const outside = scope.env.outside;
  if (scope.variables.has(part.name) || outside?.defined.has(part.name)) return;
  const known = outside ? [...scope.variables, ...outside.defined] : scope.variables;
  const fixes = fixTo(part, part.name, closestMatch(part.name, known), part.name);
  const elsewhere = outside ? environmentsDefining(part.name, outside) : [];
  const listed = elsewhere.map(quote).join(', ');
  if (outside && elsewhere.length > 0) {
    // Fine in some environment: what is wrong is the choice, not the name.
    if (outside.chosen !== undefined) {
      const message = `${quote(part.name)} is not defined in the environment ${quote(outside.chosen)} (only in ${listed}): add it to ${quote(outside.chosen)} in ${ENV_FILE}, or choose another environment`;
      out.push(diagnostic(part.range, 'error', 'variable-not-in-environment', message, fixes));
    } else if (outside.noneChosen === 'error') {
      const message = `${quote(part.name)} comes from an environment (${listed}) and none is chosen: ${HOW_TO_CHOOSE}`;
      out.push(diagnostic(part.range, 'error', 'no-environment-chosen', message, fixes));
    }
    return;
  }
  if (outside && outside.chosen === undefined && outside.noneChosen === 'any' && outside.environments.size > 0) {
    // `check` over every environment: `--var NAME=VALUE` at the run may still give it.
    const message = `unknown variable ${quote(part.name)}: neither the file nor any environment of ${ENV_FILE} defines it; define it with @${part.name} = ..., add it to an environment, or pass --var ${part.name}=VALUE when running`;
    out.push(diagnostic(part.range, 'warning', 'unknown-variable', message, fixes));
    return;
  }
  const message = `unknown variable ${quote(part.name)}: define it with @${part.name} = ... or check the spelling`;
  out.push(diagnostic(part.range, 'error', 'unknown-variable', message, fixes));
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
  if (!from || !to) return;
  const sameGroup = from[0] === to[0];
  if (from[0] === 'setup' && !sameGroup) {
    // Setup runs once, before any user: no other request has answered yet, so the setup would fail.
    const message = `${quote(part.request)} is not in the @setup sequence: setup runs once before any user starts, so it has no response to read; move ${quote(part.request)} into the setup, above this request`;
    out.push(diagnostic(part.range, 'error', 'setup-reads-later-request', message));
    return;
  }
  if (from[0] === 'on-start' && typeof to[0] === 'number') {
    const message = `${quote(part.request)} is in a task, which runs after @on-start: a user's first on-start has no response from it; move ${quote(part.request)} into the on-start sequence, above this request`;
    out.push(diagnostic(part.range, 'warning', 'forward-response-reference', message));
    return;
  }
  // Within one task or sequence, a request that runs at or after this one has no response yet on
  // a user's first iteration: the capture fails there. Across tasks the order is up to chance; not flagged.
  if (sameGroup && to[1] >= from[1]) {
    if (from[0] === 'setup') {
      const message = `${quote(part.request)} runs at or after this request in the @setup sequence, which runs once: it has no response yet; move it above this request`;
      out.push(diagnostic(part.range, 'error', 'setup-reads-later-request', message));
      return;
    }
    const where = typeof from[0] === 'number' ? 'its task' : 'the @on-start sequence';
    const message = target === use.request
      ? `${quote(part.request)} is this request: it can only use its own previous response, which is missing on a user's first iteration`
      : `${quote(part.request)} runs after this request in ${where}: on a user's first iteration it has no response yet; move it above this request`;
    out.push(diagnostic(part.range, 'warning', 'forward-response-reference', message));
  }
}

function requestNames(scenario: Scenario): Map<string, number> {
  const names = new Map<string, number>();
  for (const request of scenario.requests) if (request.name !== undefined && !names.has(request.name)) names.set(request.name, request.index);
  return names;
}

function taskPositions(scenario: Scenario): Map<number, [Group, number]> {
  const positions = new Map<number, [Group, number]>();
  scenario.tasks.forEach((task, taskIndex) => task.requests.forEach((request, position) => positions.set(request, [taskIndex, position])));
  scenario.onStart?.requests.forEach((request, position) => positions.set(request, ['on-start', position]));
  scenario.setup?.requests.forEach((request, position) => positions.set(request, ['setup', position]));
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
