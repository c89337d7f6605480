// What to offer at a position: pure, from the document's lines and its parsed model. The vscode
// provider (completion.ts) only turns these candidates into CompletionItems.
import {
  checkSuggestions,
  COMMON_HEADERS,
  DIRECTIVES,
  HTTP_METHODS,
  SYSTEM_VARIABLES,
  type DataBinding,
  type Position,
  type Scenario,
} from '../../core/scenario';
import { lineContext, type LineContext } from './line-context';
import { escapeMarkdown } from './markdown';
import { directiveDocumentation, systemVariableDocumentation } from './hover-content';
import { directiveSnippet, escapeSnippet, systemVariableSnippet } from './snippets';

export type CandidateKind = 'directive' | 'variable' | 'system' | 'binding' | 'column' | 'request' | 'response-path' | 'method' | 'header' | 'check-field' | 'check-operator';

export interface CompletionCandidate {
  label: string;
  kind: CandidateKind;
  detail?: string;
  /** Markdown, user text already escaped. */
  documentation?: string;
  /** Snippet syntax (literal text is escaped). */
  snippet: string;
  /** The candidate replaces the position's line from this character up to the position. */
  replaceFrom: number;
  /** Open the suggestions again after inserting (`patient.` leads on to its columns). */
  retrigger: boolean;
  /** Orders groups: variables before data, requests and functions. */
  sortText: string;
}

export interface CompletionInput {
  lines: readonly string[];
  position: Position;
  scenario: Scenario;
  /** Header row of a data binding's CSV, when it can be read. */
  columnsOf?: (binding: DataBinding) => string[] | undefined;
  /** Names the environments define, each with the environments that do (never a value: it may be private). */
  environmentVariables?: ReadonlyMap<string, readonly string[]>;
}

/** Response headers worth offering after `name.response.headers.`. */
const RESPONSE_HEADERS = ['Location', 'Content-Type', 'Content-Length', 'ETag', 'Last-Modified', 'Set-Cookie', 'X-Request-Id'];

export function completionCandidates(input: CompletionInput): CompletionCandidate[] {
  const text = input.lines[input.position.line] ?? '';
  const prefix = text.slice(0, input.position.character);
  const check = checkSuggestions(prefix);
  if (check) {
    return check.items.map((item, index) => ({
      label: item.label,
      kind: item.kind,
      detail: item.detail,
      documentation: escapeMarkdown(item.description),
      snippet: escapeSnippet(item.insert),
      replaceFrom: check.replaceFrom,
      retrigger: item.kind === 'check-field',
      sortText: String(index).padStart(2, '0'),
    }));
  }
  const template = openTemplate(prefix);
  if (template) return templateCandidates(input, template, closingFor(text.slice(input.position.character)));
  const context = lineContext(input.lines, input.position.line);
  const directive = /^\s*(?:#|\/\/)\s*@([\w-]*)$/.exec(prefix);
  if (directive) return directiveCandidates(context, prefix.length - (directive[1]?.length ?? 0));
  if (context.kind === 'before-request' && /^[A-Za-z]*$/.test(prefix)) return methodCandidates();
  if (context.kind === 'headers' && /^[A-Za-z][\w-]*$|^$/.test(prefix)) return headerCandidates();
  return [];
}

function directiveCandidates(context: LineContext, replaceFrom: number): CompletionCandidate[] {
  const where = context.kind === 'header' ? 'header' : context.kind === 'before-request' ? 'request' : undefined;
  if (!where) return [];
  return DIRECTIVES.filter((info) => info.scope === where || info.scope === 'both').map((info) => ({
    label: info.name,
    kind: 'directive',
    detail: info.syntax,
    documentation: directiveDocumentation(info),
    snippet: directiveSnippet(info),
    replaceFrom,
    retrigger: false,
    sortText: `0${info.name}`,
  }));
}

function methodCandidates(): CompletionCandidate[] {
  return HTTP_METHODS.map((method, index) => ({
    label: method,
    kind: 'method',
    detail: 'request line: METHOD URL',
    snippet: `${method} \${1:/}`,
    replaceFrom: 0,
    retrigger: false,
    sortText: String(index),
  }));
}

function headerCandidates(): CompletionCandidate[] {
  return COMMON_HEADERS.map((header) => ({
    label: header,
    kind: 'header',
    snippet: `${escapeSnippet(header)}: `,
    replaceFrom: 0,
    retrigger: false,
    sortText: header,
  }));
}

interface OpenTemplate {
  /** Text typed after `{{` (leading spaces removed). */
  expression: string;
  /** Character where `expression` starts. */
  start: number;
}

/** The `{{...` the position is in, when the expression so far is a name or a dotted path. */
function openTemplate(prefix: string): OpenTemplate | undefined {
  const open = prefix.lastIndexOf('{{');
  if (open < 0 || prefix.indexOf('}}', open) >= 0) return undefined;
  const afterBraces = prefix.slice(open + 2);
  const expression = afterBraces.trimStart();
  if (!/^\$?[\w.$*-]*$/.test(expression)) return undefined;
  return { expression, start: prefix.length - expression.length };
}

/** What to append so that the template is closed, given the text after the position. */
function closingFor(rest: string): string {
  const afterWord = rest.replace(/^[\w.-]*/, '');
  if (afterWord.startsWith('}}')) return '';
  return afterWord.startsWith('}') ? '}' : '}}';
}

function templateCandidates(input: CompletionInput, template: OpenTemplate, closing: string): CompletionCandidate[] {
  const { expression, start } = template;
  if (expression.startsWith('$')) return systemCandidates(start, closing);
  const lastDot = expression.lastIndexOf('.');
  if (lastDot < 0) return [...nameCandidates(input.scenario, start, closing), ...environmentCandidates(input, start, closing), ...systemCandidates(start, closing)];
  const head = expression.slice(0, lastDot);
  const replaceFrom = start + lastDot + 1;
  return [...columnCandidates(input, head, replaceFrom, closing), ...responseCandidates(input.scenario, head, replaceFrom, closing)];
}

function systemCandidates(replaceFrom: number, closing: string): CompletionCandidate[] {
  return SYSTEM_VARIABLES.map((info) => ({
    label: `$${info.name}`,
    kind: 'system',
    detail: info.syntax,
    documentation: systemVariableDocumentation(info),
    snippet: systemVariableSnippet(info) + closing,
    replaceFrom,
    retrigger: false,
    sortText: `3${info.name}`,
  }));
}

/** Environment variables the file does not define itself (its own definition wins and is offered above). */
function environmentCandidates(input: CompletionInput, replaceFrom: number, closing: string): CompletionCandidate[] {
  const own = new Set(input.scenario.variables.map((variable) => variable.name));
  return [...(input.environmentVariables ?? [])]
    .filter(([name]) => !own.has(name))
    .map(([name, environments]) => ({
      label: name,
      kind: 'variable' as const,
      detail: `environment: ${environments.join(', ')}`,
      snippet: escapeSnippet(name) + closing,
      replaceFrom,
      retrigger: false,
      sortText: `0${name}`,
    }));
}

function nameCandidates(scenario: Scenario, replaceFrom: number, closing: string): CompletionCandidate[] {
  const candidates: CompletionCandidate[] = [];
  const seen = new Set<string>();
  // Later definitions win, so the last value of a name is the one to show.
  for (const variable of [...scenario.variables].reverse()) {
    if (seen.has(variable.name)) continue;
    seen.add(variable.name);
    candidates.push({
      label: variable.name,
      kind: 'variable',
      detail: variable.value.raw,
      snippet: escapeSnippet(variable.name) + closing,
      replaceFrom,
      retrigger: false,
      sortText: `0${variable.name}`,
    });
  }
  for (const binding of scenario.data) {
    candidates.push({
      label: binding.name,
      kind: 'binding',
      detail: `row of ${binding.file}${binding.random ? ' (random)' : ''}`,
      snippet: `${escapeSnippet(binding.name)}.`,
      replaceFrom,
      retrigger: true,
      sortText: `1${binding.name}`,
    });
  }
  for (const request of scenario.requests) {
    if (request.name === undefined) continue;
    candidates.push({
      label: request.name,
      kind: 'request',
      detail: `response of ${request.statsName}`,
      snippet: `${escapeSnippet(request.name)}.response.`,
      replaceFrom,
      retrigger: true,
      sortText: `2${request.name}`,
    });
  }
  return candidates;
}

function columnCandidates(input: CompletionInput, head: string, replaceFrom: number, closing: string): CompletionCandidate[] {
  const binding = input.scenario.data.find((each) => each.name === head);
  if (!binding) return [];
  return (input.columnsOf?.(binding) ?? []).map((column) => ({
    label: column,
    kind: 'column',
    detail: `column of ${binding.file}`,
    snippet: escapeSnippet(column) + closing,
    replaceFrom,
    retrigger: false,
    sortText: column,
  }));
}

/** `name.` -> `response.`, `name.response.` -> `body.$.` / `body.*` / `headers.`, and so on. */
function responseCandidates(scenario: Scenario, head: string, replaceFrom: number, closing: string): CompletionCandidate[] {
  const [name, ...path] = head.split('.');
  const request = scenario.requests.find((each) => each.name !== undefined && each.name === name);
  if (!request) return [];
  const detail = `response of ${request.statsName}`;
  const option = (label: string, complete: boolean, retrigger: boolean, sortText: string): CompletionCandidate => ({
    label,
    kind: 'response-path',
    detail,
    snippet: escapeSnippet(label) + (complete ? closing : ''),
    replaceFrom,
    retrigger,
    sortText,
  });
  switch (path.join('.')) {
    case '':
      return [option('response.body.$.', false, false, '0'), option('response.body.*', true, false, '1'), option('response.headers.', false, true, '2')];
    case 'response':
      return [option('body.$.', false, false, '0'), option('body.*', true, false, '1'), option('headers.', false, true, '2')];
    case 'response.body':
      return [option('$.', false, false, '0'), option('*', true, false, '1')];
    case 'response.headers':
      return RESPONSE_HEADERS.map((header, index) => option(header, true, false, String(index)));
    default:
      return [];
  }
}
