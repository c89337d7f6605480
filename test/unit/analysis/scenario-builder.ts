// Scenarios for analysis tests, built directly in the model (threshold rules through the real
// rule parser) so that these tests do not depend on the file parser.
import type { HttpMethod, Range, RequestBlock, Scenario, Threshold } from '../../../src/core/scenario/model';
import { parseThresholdRule } from '../../../src/core/scenario/thresholds';

const lineRange = (line: number): Range => ({ start: { line, character: 0 }, end: { line, character: 40 } });

/** A rule as written on `line`; scope `header` or a request index. */
export function rule(text: string, line: number, scope: 'header' | number = 'header'): Threshold {
  const parsed = parseThresholdRule(text);
  if (!parsed.ok) throw new Error(`bad rule in test: ${parsed.message}`);
  return { ...parsed.rule, range: lineRange(line), scope };
}

export interface RequestSpec {
  method: HttpMethod;
  statsName: string;
  rules?: string[];
}

export function scenario(headerRules: string[], requests: RequestSpec[]): Scenario {
  let line = headerRules.length + 1;
  const blocks: RequestBlock[] = requests.map((spec, index) => {
    const start = line;
    const thresholds = (spec.rules ?? []).map((text) => rule(text, ++line, index));
    line += 3;
    return {
      index,
      statsName: spec.statsName,
      method: spec.method,
      url: { raw: '/', parts: [{ kind: 'text', text: '/' }], range: lineRange(line) },
      headers: [],
      thresholds,
      range: { start: { line: start, character: 0 }, end: { line, character: 0 } },
      requestLineRange: lineRange(line),
    };
  });
  return {
    variables: [],
    directives: [],
    timeoutMs: 30_000,
    stopTimeoutMs: 0,
    data: [],
    thresholds: headerRules.map((text, i) => rule(text, i + 1)),
    requests: blocks,
    tasks: [{ weight: 1, requests: blocks.map((b) => b.index) }],
    lineCount: line + 1,
  };
}
