// Where a line sits in a scenario, from the raw text. Completion runs on half-typed lines that the
// parser rightly leaves out of the model, so it asks this simpler question of the text instead.
import { looksLikeRequestLine } from '../../core/scenario/request-line';

export type LineContext =
  /** Before the first request: file variables and scenario directives. */
  | { kind: 'header' }
  /** In a request block, above its request line (directives, comments, the request line itself). */
  | { kind: 'before-request' }
  /** In a request block, among the header lines below the request line. */
  | { kind: 'headers'; requestLine: number }
  /** After the empty line that ends the header lines. */
  | { kind: 'body'; requestLine: number };

const BLOCK_START = /^\s*###/;
const COMMENT = /^\s*(#|\/\/)/;
const FILE_VARIABLE = /^\s*@[A-Za-z_][\w-]*\s*=/;

/** Classifies `line` by the lines above it (the line itself is being typed and is not trusted). */
export function lineContext(lines: readonly string[], line: number): LineContext {
  let blockStart = -1;
  for (let index = Math.min(line, lines.length) - 1; index >= 0; index--) {
    if (BLOCK_START.test(lines[index] ?? '')) {
      blockStart = index;
      break;
    }
  }
  // Before any `###`, a request line may still begin the first request (it needs no `###`).
  const inHeader = blockStart < 0;
  let requestLine: number | undefined;
  for (let index = blockStart + 1; index < line; index++) {
    const text = lines[index] ?? '';
    if (requestLine === undefined) {
      if (inHeader ? looksLikeRequestLine(text.trim()) : isRequestLineCandidate(text)) requestLine = index;
    } else if (text.trim() === '') {
      return { kind: 'body', requestLine };
    }
  }
  if (requestLine === undefined) return inHeader ? { kind: 'header' } : { kind: 'before-request' };
  return { kind: 'headers', requestLine };
}

/** The first line of a block that is not blank, a comment or a file variable is its request line. */
function isRequestLineCandidate(text: string): boolean {
  return text.trim() !== '' && !COMMENT.test(text) && !FILE_VARIABLE.test(text);
}
