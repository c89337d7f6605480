// What is at a position, for hover and completion.
import type { Position, RequestBlock, ResponseCheck, Scenario, Template, TemplatePart, Directive } from './model';
import { directiveInfo, type DirectiveInfo } from './directives-catalog';
import { rangeTouches } from './ranges';

export type Located =
  | { kind: 'directive'; directive: Directive; info?: DirectiveInfo }
  | { kind: 'template'; template: Template; part: TemplatePart }
  | { kind: 'check'; check: ResponseCheck }
  | { kind: 'request'; request: RequestBlock }
  | { kind: 'none' };

function templatesOf(scenario: Scenario): Template[] {
  const templates: Template[] = [];
  if (scenario.host) templates.push(scenario.host);
  for (const variable of scenario.variables) templates.push(variable.value);
  for (const request of scenario.requests) {
    templates.push(request.url);
    for (const header of request.headers) templates.push(header.value);
    if (request.body?.kind === 'inline') templates.push(request.body.template);
  }
  return templates;
}

function partAt(template: Template, position: Position): TemplatePart | undefined {
  if (!rangeTouches(template.range, position)) return undefined;
  return template.parts.find((part) => part.kind !== 'text' && rangeTouches(part.range, position));
}

/**
 * A `{{reference}}` under the position (also inside `# @host {{base}}`), else the directive on
 * that line, else a `??` check on that line, else the request block around it.
 */
export function locate(scenario: Scenario, position: Position): Located {
  for (const template of templatesOf(scenario)) {
    const part = partAt(template, position);
    if (part) return { kind: 'template', template, part };
  }
  const directive = scenario.directives.find((candidate) => rangeTouches(candidate.range, position));
  if (directive) {
    const info = directiveInfo(directive.name);
    return info ? { kind: 'directive', directive, info } : { kind: 'directive', directive };
  }
  const request = scenario.requests.find((candidate) => rangeTouches(candidate.range, position));
  const check = request?.checks?.find((candidate) => rangeTouches(candidate.range, position));
  if (check) return { kind: 'check', check };
  return request ? { kind: 'request', request } : { kind: 'none' };
}
