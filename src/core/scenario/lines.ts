// Line classification: every line of a scenario is one of a few kinds, decided by its start.

export type ClassifiedLine =
  | { kind: 'empty' }
  /** `###` and what follows (the block title). */
  | { kind: 'separator'; title: string; titleStart: number }
  /** `# @name args` or `// @name args`. */
  | { kind: 'directive'; name: string; nameStart: number; args: string; argsStart: number }
  | { kind: 'comment' }
  /** `@name = value`. */
  | { kind: 'variable'; name: string; nameStart: number; value: string; valueStart: number }
  /** Anything else: request line, header, body text. `start`/`end` exclude surrounding blanks. */
  | { kind: 'other'; start: number; end: number; text: string };

const SEPARATOR = /^\s*###/;
const DIRECTIVE = /^(\s*(?:#|\/\/)\s*@)([A-Za-z][\w-]*)/;
const COMMENT = /^\s*(?:#|\/\/)/;
/** `@name = value`, or httpYac's lazily evaluated `@name := value` (the same here: values expand at send time). */
const VARIABLE = /^(\s*@)([A-Za-z_][\w-]*)(\s*:?=\s*)/;

/** Splits text into lines as the whole project counts them (CRLF and LF alike). */
export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

/** The line ending a quick fix should insert: the file's own. */
export function lineEnding(text: string): string {
  const newline = text.indexOf('\n');
  return newline > 0 && text[newline - 1] === '\r' ? '\r\n' : '\n';
}

/** [start, end) of the line without leading and trailing whitespace. */
export function trimmedSpan(text: string, from = 0, to = text.length): [number, number] {
  let start = from;
  let end = to;
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  return [start, end];
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 0xa0 || code === 0xfeff;
}

export function classifyLine(text: string): ClassifiedLine {
  const [start, end] = trimmedSpan(text);
  if (start === end) return { kind: 'empty' };
  if (SEPARATOR.test(text)) {
    let titleStart = text.indexOf('###') + 3;
    while (text[titleStart] === '#') titleStart++;
    const [from, to] = trimmedSpan(text, titleStart);
    return { kind: 'separator', title: text.slice(from, to), titleStart: from };
  }
  const directive = DIRECTIVE.exec(text);
  if (directive) {
    const prefix = directive[1] ?? '';
    const name = directive[2] ?? '';
    const [argsStart, argsEnd] = trimmedSpan(text, prefix.length + name.length);
    return { kind: 'directive', name, nameStart: prefix.length, args: text.slice(argsStart, argsEnd), argsStart };
  }
  if (COMMENT.test(text)) return { kind: 'comment' };
  const variable = VARIABLE.exec(text);
  if (variable) {
    const prefix = variable[1] ?? '';
    const name = variable[2] ?? '';
    const [valueStart, valueEnd] = trimmedSpan(text, prefix.length + name.length + (variable[3] ?? '').length);
    return { kind: 'variable', name, nameStart: prefix.length, value: text.slice(valueStart, valueEnd), valueStart };
  }
  return { kind: 'other', start, end, text: text.slice(start, end) };
}
