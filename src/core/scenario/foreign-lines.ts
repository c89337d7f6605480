// Lines that other `.http` tools give a meaning Loadlens does not run under load (httpYac
// script blocks, JetBrains handlers, response redirects...), and `/* */` block
// comments. They are marked before the blocks are parsed, so that a `###` or a request line
// inside a script is never read as one, and each construct gets one warning on its first line
// (docs/scenario-other-tools.md, "Files from REST Client, httpYac and JetBrains").
import type { Diagnostic } from './model';
import { trimmedSpan } from './lines';
import { diagnostic, lineRange } from './ranges';
import { CHECK_LINE } from './response-checks';

/**
 * `comment`: a line of a block comment (read as a comment). `foreign`: part of another tool's
 * construct. `check`: a `??` check line (response-checks.ts reads it).
 */
export type LineMark = 'comment' | 'foreign' | 'check' | undefined;

export interface ForeignScan {
  marks: LineMark[];
  diagnostics: Diagnostic[];
}

interface MultiLine {
  opens: RegExp;
  /** The closing line; tested from the opening line itself, after the opening text. */
  closes: RegExp;
  what: string | undefined;
}

interface SingleLine {
  pattern: RegExp;
  what: string;
}

const MULTI_LINE: readonly MultiLine[] = [
  { opens: /^\s*\/\*/, closes: /\*\//, what: undefined },
  // `{{` alone on its line (or `{{@request`, `{{+after`): httpYac runs the lines up to `}}` as JavaScript.
  { opens: /^\s*\{\{\s*[@+]?[\w-]*\s*$/, closes: /^\s*\}\}\s*$/, what: 'httpYac script block' },
  { opens: /^\s*>\s*\{%/, closes: /%\}/, what: 'JetBrains response handler' },
  { opens: /^\s*<\s*\{%/, closes: /%\}/, what: 'JetBrains pre-request script' },
];

const SINGLE_LINE: readonly SingleLine[] = [
  { pattern: /^\s*>>!?\s*\S/, what: 'response redirect (>> file)' },
  { pattern: /^\s*<>\s*\S/, what: 'JetBrains previous-response reference (<> file)' },
  { pattern: /^\s*>\s*\S/, what: 'JetBrains response handler file' },
  { pattern: /^\s*gql\s+\S+\s+</, what: 'httpYac GraphQL fragment import' },
];

/** httpYac's GraphQL fragments, written above the query that uses them: `fragment X on Y {` ... `}`. */
const GRAPHQL_FRAGMENT = /^\s*fragment\s+\w+\s+on\s+\w+\s*\{/;
/** The option lines under a `proto < ./file.proto` import (`keepCase: true`). */
const PROTO_IMPORT = /^\s*proto\s+</;
const PROTO_OPTION = /^\s*\w+\s*:/;

/** The line that closes the braces opened on `from`. */
function balancedEnd(lines: readonly string[], from: number): number {
  let depth = 0;
  for (let line = from; line < lines.length; line++) {
    for (const character of lines[line] ?? '') {
      if (character === '{') depth++;
      else if (character === '}') depth--;
    }
    if (depth <= 0) return line;
  }
  return lines.length - 1;
}

function warn(lines: readonly string[], line: number, what: string, out: Diagnostic[]): void {
  const [start, end] = trimmedSpan(lines[line] ?? '');
  out.push(diagnostic(lineRange(line, start, end), 'warning', 'not-run-under-load', `${what}: not run under load (Loadlens sends the request without it)`));
}

/** The last line of a construct opened on `from` (the file's last line when it never closes). */
function closingLine(lines: readonly string[], from: number, construct: MultiLine): number {
  const openText = lines[from] ?? '';
  const opening = construct.opens.exec(openText);
  if (construct.closes.test(openText.slice(opening ? opening[0].length : 0))) return from;
  for (let line = from + 1; line < lines.length; line++) if (construct.closes.test(lines[line] ?? '')) return line;
  return lines.length - 1;
}

export function scanForeignLines(lines: readonly string[]): ForeignScan {
  const marks: LineMark[] = new Array<LineMark>(lines.length).fill(undefined);
  const diagnostics: Diagnostic[] = [];
  for (let line = 0; line < lines.length; line++) {
    const text = lines[line] ?? '';
    const multi = MULTI_LINE.find((construct) => construct.opens.test(text));
    if (multi) {
      const last = closingLine(lines, line, multi);
      if (multi.what !== undefined) warn(lines, line, multi.what, diagnostics);
      for (let covered = line; covered <= last; covered++) marks[covered] = multi.what === undefined ? 'comment' : 'foreign';
      line = last;
      continue;
    }
    if (GRAPHQL_FRAGMENT.test(text)) {
      const last = balancedEnd(lines, line);
      warn(lines, line, 'httpYac GraphQL fragment', diagnostics);
      for (let covered = line; covered <= last; covered++) marks[covered] = 'foreign';
      line = last;
      continue;
    }
    if (PROTO_IMPORT.test(text)) {
      warn(lines, line, 'httpYac proto import (gRPC)', diagnostics);
      marks[line] = 'foreign';
      while (line + 1 < lines.length && PROTO_OPTION.test(lines[line + 1] ?? '')) marks[++line] = 'foreign';
      continue;
    }
    if (CHECK_LINE.test(text)) {
      // Checked before the `?`/`&` continuation lines ever see it: `??` always starts a check.
      marks[line] = 'check';
      continue;
    }
    const single = SINGLE_LINE.find((construct) => construct.pattern.test(text));
    if (single) {
      marks[line] = 'foreign';
      warn(lines, line, single.what, diagnostics);
    }
  }
  return { marks, diagnostics };
}
