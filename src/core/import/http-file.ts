// Plain `.http` / `.rest` files (REST Client, httpYac) as load tests. A load scenario is a superset
// of their format (docs/scenario-other-tools.md, Files written for other tools), so such a file runs as
// it is once the run brings a load model and a host; these functions only add the header
// directives ("Convert to Load Scenario") or cut the file down to one request ("Load test" above
// a request). Pure text in, text out.

import { parseScenario, type Scenario } from '../scenario';
import { formatDuration } from '../present';
import { oneLine } from './write-scenario';

/** The load a user chose for a plain file (the same fields as the run options). */
export interface ChosenLoad {
  users?: number;
  spawnRate?: number;
  runTimeMs?: number;
  /** Open model: task iterations per second. */
  rate?: number;
  host?: string;
}

/** Header directives that say the load model and the host; replaced, not doubled, when a file already has them. */
const LOAD_DIRECTIVE = /^\s*(#|\/\/)\s*@(users|spawn-rate|run-time|rate|stage|max-users|host)\b/;

/** `@users 5`, `@run-time 30s`...: the header lines a chosen load becomes. */
export function loadDirectives(load: ChosenLoad): string[] {
  const lines: string[] = [];
  if (load.host !== undefined && load.host.trim() !== '') lines.push(`@host ${oneLine(load.host)}`);
  if (load.rate !== undefined) lines.push(`@rate ${load.rate}/s`);
  else if (load.users !== undefined) {
    lines.push(`@users ${load.users}`);
    if (load.spawnRate !== undefined) lines.push(`@spawn-rate ${load.spawnRate}`);
  }
  if (load.runTimeMs !== undefined) lines.push(`@run-time ${formatDuration(load.runTimeMs)}`);
  return lines;
}

/** The first line of the first request block, or the line count when the file has no request. */
function headerEnd(scenario: Scenario, lineCount: number): number {
  return scenario.requests[0]?.range.start.line ?? lineCount;
}

/**
 * The file as a load scenario: a comment naming the source, then the chosen load as header
 * directives, then the file as it was (any load or host directive of its header replaced).
 * A first request without `###` stays as it is: scenario-only directives above it belong to
 * the scenario (docs/scenario-requests.md, Lines).
 */
export function convertHttpFile(text: string, sourceName: string, load: ChosenLoad): string {
  const lines = text.split(/\r?\n/);
  const end = headerEnd(parseScenario(text), lines.length);
  const kept = lines.filter((line, index) => index >= end || !LOAD_DIRECTIVE.test(line));
  const header = [`# Load test of ${oneLine(sourceName)} (Loadlens: Convert to Load Scenario); change the load below.`, ...loadDirectives(load).map((line) => `# ${line}`), ''];
  return [...header, ...kept].join('\n');
}

/** `{{login.response...}}` in a block: the names of the requests it reads a response of. */
function referencedNames(blockText: string): string[] {
  return [...blockText.matchAll(/\{\{\s*([A-Za-z_][\w-]*)\.response\./g)].map((match) => match[1] ?? '');
}

/**
 * The file cut down to request `index`: its header, the file variables and the named requests it
 * uses (and theirs), in file order, then the request. Undefined when the
 * file has no such request.
 */
export function singleRequestScenario(text: string, index: number): string | undefined {
  const scenario = parseScenario(text);
  const lines = text.split(/\r?\n/);
  const chosen = scenario.requests.find((request) => request.index === index);
  if (!chosen) return undefined;
  const blockText = (position: number): string => {
    const request = scenario.requests[position];
    return request ? lines.slice(request.range.start.line, request.range.end.line + 1).join('\n') : '';
  };
  const end = headerEnd(scenario, lines.length);
  const header = lines.slice(0, end);
  const wanted = new Set<number>([scenario.requests.indexOf(chosen)]);
  const usedVariables = new Set<number>();
  // Grow the kept text until it names nothing more: variables it uses, requests it reads a response of.
  for (let grown = true; grown; ) {
    grown = false;
    const kept = [...header, ...[...wanted].map(blockText), ...[...usedVariables].map((at) => lines[scenario.variables[at]?.range.start.line ?? -1] ?? '')].join('\n');
    const last = Math.max(...wanted);
    for (const name of referencedNames(kept)) {
      const found = scenario.requests.findIndex((request, at) => at < last && request.name === name);
      if (found >= 0 && !wanted.has(found)) {
        wanted.add(found);
        grown = true;
      }
    }
    for (const name of usedNames(kept)) {
      scenario.variables.forEach((variable, at) => {
        if (variable.name !== name || usedVariables.has(at)) return;
        usedVariables.add(at);
        grown = true;
      });
    }
  }
  // Variables written between blocks belong to a block's range: those of blocks left out are copied.
  const wantedRanges = [...wanted].map((at) => scenario.requests[at]?.range);
  const variables = [...usedVariables].map((at) => scenario.variables[at]).filter((variable) => variable !== undefined && variable.range.start.line >= end && !isInside(variable.range.start.line, wantedRanges));
  const blocks = [...wanted].sort((a, b) => a - b).map((position) => {
    const block = blockText(position);
    // A first request without `###` gets one, so that the variables above it stay in the header.
    return /^\s*###/.test(block) ? block : `###\n${block}`;
  });
  return [...header, ...variables.map((variable) => lines[variable?.range.start.line ?? -1] ?? ''), '', ...blocks, ''].join('\n');
}

/** `{{name}}` and `{{name.response...}}`: the file variables and named requests a text uses. */
function usedNames(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([A-Za-z_][\w-]*)/g)].map((match) => match[1] ?? '');
}

function isInside(line: number, ranges: ReadonlyArray<{ start: { line: number }; end: { line: number } } | undefined>): boolean {
  return ranges.some((range) => range !== undefined && line >= range.start.line && line <= range.end.line);
}
