// Hover text: what a directive does, what a `{{...}}` reference stands for. Pure (markdown
// strings with user text escaped); hover.ts wraps them into an untrusted MarkdownString.
import {
  checkExplanation,
  DIRECTIVES,
  SYSTEM_VARIABLES,
  type DirectiveInfo,
  type Located,
  type Scenario,
  type SystemVariableInfo,
  type TemplatePart,
  type Range,
} from '../../core/scenario';
import { codeBlock, escapeMarkdown, inlineCode } from './markdown';
import type { EnvironmentDefinition } from '../../core/plan';

export interface HoverContent {
  markdown: string;
  range: Range;
}

const SCOPE_WORDS: Record<DirectiveInfo['scope'], string> = {
  header: 'scenario directive (header, above the first `###`)',
  request: 'request directive (in a request block, above the request line)',
  both: 'scenario or request directive',
};

/** Summary, syntax, example and Locust/k6 equivalent of a directive (also completion docs). */
export function directiveDocumentation(info: DirectiveInfo): string {
  const sections = [
    `${inlineCode(`@${info.name}`)} — ${SCOPE_WORDS[info.scope]}`,
    escapeMarkdown(info.summary),
    codeBlock(info.syntax, 'http'),
    `Example:\n\n${codeBlock(info.example, 'http')}`,
  ];
  if (info.equivalent) sections.push(`Equivalent: ${escapeMarkdown(info.equivalent)}`);
  return sections.join('\n\n');
}

export function systemVariableDocumentation(info: SystemVariableInfo): string {
  return [escapeMarkdown(info.summary), codeBlock(info.syntax, 'http'), `Example: ${inlineCode(info.example)}`].join('\n\n');
}

/** Which environments define a name (src/core/plan/environments.ts, definitionsOf). */
export type EnvironmentDefinitions = (name: string) => EnvironmentDefinition[];

export function hoverContent(located: Located, scenario: Scenario, environments?: EnvironmentDefinitions): HoverContent | undefined {
  switch (located.kind) {
    case 'directive': {
      const info = located.info ?? DIRECTIVES.find((each) => each.name === located.directive.name);
      const markdown = info
        ? directiveDocumentation(info)
        : `${inlineCode(`@${located.directive.name}`)} is not a Loadlens directive: it is kept as a comment (other tools' metadata, such as httpYac's ${inlineCode('@note')}, is allowed).`;
      return { markdown, range: located.directive.range };
    }
    case 'template':
      return located.part.kind === 'text' ? undefined : { markdown: referenceMarkdown(located.part, scenario, environments), range: located.part.range };
    case 'check': {
      const explained = checkExplanation(located.check);
      const markdown = [`${inlineCode(`?? ${located.check.text}`)} — check on the response`, escapeMarkdown(explained.field), escapeMarkdown(explained.operator)].join('\n\n');
      return { markdown, range: located.check.range };
    }
    case 'request':
    case 'none':
      return undefined;
  }
}

type Reference = Exclude<TemplatePart, { kind: 'text' }>;

function referenceMarkdown(part: Reference, scenario: Scenario, environments: EnvironmentDefinitions | undefined): string {
  switch (part.kind) {
    case 'variable':
      return variableMarkdown(part.name, scenario, environments?.(part.name) ?? []);
    case 'system': {
      const info = SYSTEM_VARIABLES.find((each) => each.name === part.fn);
      const call = inlineCode(`$${[part.fn, ...part.args].join(' ')}`);
      return info ? `${call} — system variable\n\n${systemVariableDocumentation(info)}` : `${call} — system variable`;
    }
    case 'data':
      return dataMarkdown(part.binding, part.column, scenario);
    case 'response':
      return responseMarkdown(part, scenario);
  }
}

/** One line per environment: its value, or that it is private; a private value is never shown. */
function environmentLines(definitions: readonly EnvironmentDefinition[]): string {
  return definitions
    .map((definition) => `- ${inlineCode(definition.environment)}${definition.chosen ? ' (selected)' : ''}: ${definition.value === undefined ? 'private value, hidden' : inlineCode(definition.value)}`)
    .join('\n');
}

function variableMarkdown(name: string, scenario: Scenario, definitions: readonly EnvironmentDefinition[]): string {
  const definition = scenario.variables.filter((variable) => variable.name === name).at(-1);
  if (!definition) {
    if (definitions.length > 0) return [`${inlineCode(name)} — environment variable (http-client.env.json), defined in:`, environmentLines(definitions)].join('\n\n');
    return `${inlineCode(name)} — unknown variable. Define it with ${inlineCode(`@${name} = value`)} in the file, or in an environment of ${inlineCode('http-client.env.json')}.`;
  }
  return [
    `${inlineCode(name)} — file variable, defined on line ${definition.range.start.line + 1}`,
    codeBlock(definition.value.raw),
    ...(definitions.length > 0 ? [`It wins over the environments that define it too:\n\n${environmentLines(definitions)}`] : []),
  ].join('\n\n');
}

function dataMarkdown(bindingName: string, column: string, scenario: Scenario): string {
  const binding = scenario.data.find((each) => each.name === bindingName);
  if (!binding) return `${inlineCode(`${bindingName}.${column}`)} — no ${inlineCode(`# @data FILE.csv as ${bindingName}`)} in the header.`;
  const row = binding.random
    ? 'a random row for each task iteration'
    : 'the next row for each task iteration (one cursor shared by all users, wrapping around)';
  return `${inlineCode(`${bindingName}.${column}`)} — column ${inlineCode(column)} of ${inlineCode(binding.file)} (line ${binding.range.start.line + 1}): ${row}.`;
}

function responseMarkdown(part: Extract<TemplatePart, { kind: 'response' }>, scenario: Scenario): string {
  const reference = inlineCode(`${part.request}.response.${part.source}.${part.path}`);
  const request = scenario.requests.find((each) => each.name === part.request);
  if (!request) return `${reference} — no request is named ${inlineCode(part.request)}. Add ${inlineCode(`# @name ${part.request}`)} above a request line.`;
  const what =
    part.source === 'headers'
      ? `its response header ${inlineCode(part.path)}`
      : part.path === '*'
        ? 'its whole response body'
        : `the JSONPath ${inlineCode(part.path)} of its response body`;
  return [
    `${reference} — captured from the last response of ${inlineCode(request.statsName)} (line ${request.requestLineRange.start.line + 1}) for the same virtual user: ${what}.`,
    'If it has no value at run time, the request using it fails with error `capture`.',
  ].join('\n\n');
}
