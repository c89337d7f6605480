// httpYac's `{{login.token}}`: a `# @name`d request's name followed by a path reads that
// request's last response body, as `{{login.response.body.$.token}}` does here. Read so only
// when no data file is bound under that name (a binding wins, as it always has).
import type { TemplateUse } from './context';
import type { DataBinding, RequestBlock } from './model';

/** `.key` steps and `[index]` steps, as a JSONPath tail after `$`. */
const PATH_TAIL = /^[^.[\]\s]+(?:\.[^.[\]\s]+|\[\d+\])*$/;

export function readResponseShorthands(templates: readonly TemplateUse[], requests: readonly RequestBlock[], data: readonly DataBinding[]): void {
  const names = new Set(requests.flatMap((request) => (request.name === undefined ? [] : [request.name])));
  const bindings = new Set(data.map((binding) => binding.name));
  for (const { template } of templates) {
    template.parts.forEach((part, index) => {
      if (part.kind !== 'data' || bindings.has(part.binding) || !names.has(part.binding) || !PATH_TAIL.test(part.column)) return;
      template.parts[index] = { kind: 'response', request: part.binding, source: 'body', path: `$.${part.column}`, range: part.range };
    });
  }
}
