// `<@ ./file` and `<@latin1 ./file` (REST Client): the file is a template, so its references are
// checked as an inline body's are. The file is not open in the editor, so each problem is shown
// on the `<@` line and names the file; a quick fix would edit the wrong text and is dropped.
import type { CheckEnvironment, Diagnostic, Scenario, Template } from './model';
import type { TemplateUse } from './context';
import { knownBodyEncoding } from './body-file-encoding';
import { checkReferences } from './check-references';
import { quote } from './ranges';
import { parseTemplate } from './template';

export function checkBodyFileTemplates(scenario: Scenario, env: CheckEnvironment): Diagnostic[] {
  const read = env.bodyFileText;
  if (!read) return [];
  const out: Diagnostic[] = [];
  for (const request of scenario.requests) {
    const body = request.body;
    if (body?.kind !== 'file' || !body.variables) continue;
    const encoding = knownBodyEncoding(body.encoding);
    const text = encoding && read(body.path, encoding);
    if (text === undefined || text === '') continue;
    const parsed = parseTemplate(text);
    const template: Template = { raw: parsed.raw, range: body.range, parts: parsed.parts.map((part) => (part.kind === 'text' ? part : { ...part, range: body.range })) };
    const use: TemplateUse = { template, request: request.index };
    for (const problem of checkReferences(scenario, [use], env)) {
      out.push({ range: body.range, severity: problem.severity, code: problem.code, message: `in body file ${quote(body.path)}: ${problem.message}` });
    }
  }
  return out;
}
