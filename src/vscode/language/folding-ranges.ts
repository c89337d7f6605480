// Folding of `*.load.http` files, as REST Client does it: each `###` block (and a first request
// written without `###`) folds from its first line down to its last non-empty line, so folding
// never hides the next block's title. Marker folding
// (language-configuration.json) cannot express that, and VS Code ignores the markers once a
// provider exists, so `#region` / `#endregion` pairs are folded here too.
import { splitLines } from '../../core/scenario/lines';
import { parseScenario } from '../../core/scenario/parse';

export interface FoldingSpan {
  /** 0-based first and last line, inclusive. */
  start: number;
  end: number;
  kind: 'block' | 'region';
}

const SEPARATOR = /^\s*###/;
const REGION_START = /^\s*(?:#|\/\/)\s*#*\s*region\b/;
const REGION_END = /^\s*(?:#|\/\/)\s*#*\s*endregion\b/;

export function scenarioFoldingSpans(text: string): FoldingSpan[] {
  const lines = splitLines(text);
  const spans: FoldingSpan[] = [];
  const openRegions: number[] = [];
  let blockStart: number | undefined;
  let lastNonEmpty = -1;

  const closeBlock = (): void => {
    if (blockStart !== undefined && lastNonEmpty > blockStart) spans.push({ start: blockStart, end: lastNonEmpty, kind: 'block' });
  };

  // The first request needs no `###`: it folds from its first line, as a block does.
  const first = parseScenario(text).requests[0];
  const firstSeparator = lines.findIndex((line) => SEPARATOR.test(line));
  if (first && (firstSeparator < 0 || first.range.start.line < firstSeparator)) blockStart = first.range.start.line;

  lines.forEach((line, index) => {
    if (SEPARATOR.test(line)) {
      closeBlock();
      blockStart = index;
    } else if (REGION_END.test(line)) {
      const start = openRegions.pop();
      if (start !== undefined && index > start) spans.push({ start, end: index, kind: 'region' });
    } else if (REGION_START.test(line)) {
      openRegions.push(index);
    }
    if (line.trim() !== '') lastNonEmpty = index;
  });
  closeBlock();
  return spans;
}
