// The document outline: the header's settings, then one entry per request under its stats name
// (the name every results table uses), so the outline reads like the results. Pure.
import type { Range, Scenario } from '../../core/scenario';

export interface OutlineEntry {
  name: string;
  detail: string;
  kind: 'header' | 'request';
  range: Range;
  selectionRange: Range;
}

export function scenarioOutline(scenario: Scenario): OutlineEntry[] {
  const entries: OutlineEntry[] = [];
  const header = headerEntry(scenario);
  if (header) entries.push(header);
  for (const request of scenario.requests) {
    const taskWeight = scenario.tasks.find((task) => task.requests[0] === request.index && task.range)?.weight;
    const details = [
      request.title !== undefined ? `${request.method} ${request.url.raw}` : undefined,
      request.name !== undefined ? `@name ${request.name}` : undefined,
      taskWeight !== undefined ? `task ${taskWeight}` : undefined,
      scenario.onStart?.requests.includes(request.index) ? 'on-start' : undefined,
      scenario.setup?.requests.includes(request.index) ? 'setup' : undefined,
    ];
    entries.push({
      name: request.statsName,
      detail: details.filter((each) => each !== undefined).join(' · '),
      kind: 'request',
      range: request.range,
      selectionRange: contains(request.range, request.requestLineRange) ? request.requestLineRange : request.range,
    });
  }
  return entries;
}

/** Present when the header holds directives or variables; spans the lines above the first block. */
function headerEntry(scenario: Scenario): OutlineEntry | undefined {
  const headerDirectives = scenario.directives.filter((directive) => directive.scope === 'header');
  const firstBlockLine = scenario.requests[0]?.range.start.line ?? scenario.lineCount;
  const headerVariables = scenario.variables.filter((variable) => variable.range.start.line < firstBlockLine);
  const first = [...headerDirectives, ...headerVariables].map((each) => each.range).sort((a, b) => a.start.line - b.start.line)[0];
  if (!first || firstBlockLine === 0) return undefined;
  const range = { start: { line: 0, character: 0 }, end: { line: firstBlockLine - 1, character: Number.MAX_SAFE_INTEGER } };
  const counts = [plural(headerDirectives.length, 'directive'), plural(headerVariables.length, 'variable')];
  return {
    name: 'Scenario settings',
    detail: counts.filter((each) => each !== '').join(', '),
    kind: 'header',
    range,
    selectionRange: first,
  };
}

function plural(count: number, word: string): string {
  if (count === 0) return '';
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}
