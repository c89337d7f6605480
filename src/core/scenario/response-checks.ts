// Reading a `?? FIELD [ARG] OPERATOR [VALUE]` line (docs/scenario-checks.md, "Checks"). Every
// mistake is a diagnostic on the word that is wrong, so that the editor underlines it.
import { CHECK_FIELDS, CHECK_OPERATORS, FOREIGN_CHECK_FIELDS, checkFieldInfo, checkOperatorInfo } from './checks-catalog';
import { JSON_PATH } from './json-path';
import type { CheckField, CheckValue, Diagnostic, ResponseCheck } from './model';
import { trimmedSpan } from './lines';
import { diagnostic, lineRange, quote } from './ranges';
import { closestMatch } from './suggest';

export const CHECK_LINE = /^\s*\?\?/;

interface Word {
  text: string;
  start: number;
  end: number;
}

export interface ParsedCheckLine {
  /** Undefined when the line has an error, or is a form that does not run under load. */
  check?: ResponseCheck;
  diagnostics: Diagnostic[];
}

/** The next word of `text` at or after `from`. */
function wordAt(text: string, from: number): Word | undefined {
  const match = /\S+/g;
  match.lastIndex = from;
  const found = match.exec(text);
  return found ? { text: found[0], start: found.index, end: found.index + found[0].length } : undefined;
}

/** `/pattern/flags` as in JavaScript, else the text (or a JSON string's value) is the pattern. */
export function checkPattern(value: CheckValue): { source: string; flags: string } {
  const literal = /^\/(.+)\/([a-z]*)$/s.exec(value.text);
  if (literal) return { source: literal[1] ?? '', flags: literal[2] ?? '' };
  return { source: value.kind === 'json' && typeof value.value === 'string' ? value.value : value.text, flags: '' };
}

export function readCheckValue(text: string): CheckValue {
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown, text };
  } catch {
    return { kind: 'text', text };
  }
}

function unknownWord(what: string, word: Word, line: number, known: readonly string[]): Diagnostic {
  const close = closestMatch(word.text, known);
  const hint = close !== undefined ? `did you mean '${close}'?` : `use one of: ${known.join(', ')}`;
  return diagnostic(lineRange(line, word.start, word.end), 'error', `unknown-check-${what}`, `unknown check ${what} ${quote(word.text)}: ${hint}`);
}

export function parseCheckLine(text: string, line: number): ParsedCheckLine {
  const [start, end] = trimmedSpan(text);
  const whole = lineRange(line, start, end);
  const afterMarks = text.indexOf('??') + 2;
  const fieldWord = wordAt(text, afterMarks);
  if (!fieldWord) {
    const message = 'empty check: write ?? FIELD OPERATOR [VALUE], e.g. ?? status == 200';
    return { diagnostics: [diagnostic(whole, 'error', 'missing-check-field', message)] };
  }
  const checkText = text.slice(fieldWord.start, end);
  if (FOREIGN_CHECK_FIELDS.includes(fieldWord.text)) {
    const message = `httpYac ${fieldWord.text} check: not run under load (Loadlens sends the request without it)`;
    return { diagnostics: [diagnostic(lineRange(line, fieldWord.start, fieldWord.end), 'warning', 'not-run-under-load', message)] };
  }
  const info = checkFieldInfo(fieldWord.text);
  if (!info) return { diagnostics: [unknownWord('field', fieldWord, line, CHECK_FIELDS.map((field) => field.name))] };
  let field: CheckField;
  let next = wordAt(text, fieldWord.end);
  if (info.name === 'header') {
    if (!next || next.end > end) {
      const message = 'missing header name: write ?? header NAME OPERATOR [VALUE], e.g. ?? header content-type includes json';
      return { diagnostics: [diagnostic(lineRange(line, fieldWord.start, fieldWord.end), 'error', 'missing-check-argument', message)] };
    }
    field = { kind: 'header', name: next.text };
    next = wordAt(text, next.end);
  } else if (info.name === 'body' && next?.text.startsWith('$')) {
    if (!JSON_PATH.test(next.text)) {
      const message = `cannot read the JSONPath ${quote(next.text)}: write $ then .key or [index] steps, e.g. ?? body $.items[0].id exists`;
      return { diagnostics: [diagnostic(lineRange(line, next.start, next.end), 'error', 'bad-check-path', message)] };
    }
    field = { kind: 'body', path: next.text };
    next = wordAt(text, next.end);
  } else {
    field = { kind: info.name } as CheckField;
  }
  if (!next) {
    const operators = CHECK_OPERATORS.map((operator) => operator.name).join(', ');
    const message = `missing operator after ${quote(text.slice(fieldWord.start, end))}: use one of ${operators}`;
    return { diagnostics: [diagnostic(whole, 'error', 'missing-check-operator', message)] };
  }
  const operator = checkOperatorInfo(next.text);
  if (!operator) return { diagnostics: [unknownWord('operator', next, line, CHECK_OPERATORS.map((info) => info.name))] };
  const valueWord = wordAt(text, next.end);
  const valueText = valueWord ? text.slice(valueWord.start, end) : '';
  const check: ResponseCheck = { text: checkText, field, operator: operator.name, range: whole };
  if (!operator.takesValue) {
    if (valueWord) {
      const message = `${operator.name} takes no value: remove ${quote(valueText)}`;
      return { diagnostics: [diagnostic(lineRange(line, valueWord.start, end), 'error', 'unexpected-check-value', message)] };
    }
    return { check, diagnostics: [] };
  }
  if (!valueWord) {
    const message = `missing value after ${operator.name}: write the value to compare with, e.g. ?? status == 200`;
    return { diagnostics: [diagnostic(lineRange(line, next.start, next.end), 'error', 'missing-check-value', message)] };
  }
  check.value = readCheckValue(valueText);
  if (operator.name === 'matches') {
    const pattern = checkPattern(check.value);
    try {
      new RegExp(pattern.source, pattern.flags);
    } catch (error) {
      const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error);
      const message = `regular expression does not compile: ${reason}`;
      return { diagnostics: [diagnostic(lineRange(line, valueWord.start, end), 'error', 'bad-check-pattern', message)] };
    }
    check.pattern = pattern;
  }
  return { check, diagnostics: [] };
}

/** A `??` line where no request line comes before it (the header, or above a request line). */
export function misplacedCheck(text: string, line: number): Diagnostic {
  const message = 'a ?? check goes after its request line (between the headers, or after the body): this one checks nothing';
  return diagnostic(lineRange(line, ...trimmedSpan(text)), 'warning', 'misplaced-check', message);
}
