// Running a `??` check on a response (docs/scenario-checks.md, "Checks"). The result is the
// reason it failed, short and stable so that failures group well (`got 503`, `missing`), or
// undefined when it holds. Pure: the engine and Send Request hand in the response.
import { jsonPathSteps, jsonValueAt } from './json-path';
import type { CheckValue, ResponseCheck } from './model';

export interface CheckedResponse {
  status: number;
  /** A header by its lower-case name; undefined when absent. */
  header(lowerName: string): string | undefined;
  /** The body as text ('' when empty). */
  readonly body: string | undefined;
  /** The body parsed as JSON; undefined when it is not JSON. */
  jsonBody(): unknown;
  durationMs: number;
}

/**
 * `matches` reads at most this much of a text. The pattern is the scenario's, the text the
 * server's: a pattern that backtracks badly on a long answer could stall a worker, so the
 * answer it sees is bounded (docs/scenario-checks.md, "Checks").
 */
export const MATCH_TEXT_LIMIT = 64 * 1024;
/** A value shown in a reason is cut short: reasons must group, and bodies can be large. */
const SHOWN_LIMIT = 40;

const MISSING = Symbol('missing');
type Actual = unknown;

function actualOf(check: ResponseCheck, response: CheckedResponse): Actual {
  const field = check.field;
  switch (field.kind) {
    case 'status':
      return response.status;
    case 'duration':
      return Math.round(response.durationMs);
    case 'header':
      return response.header(field.name.toLowerCase()) ?? MISSING;
    case 'body': {
      if (field.path === undefined) return response.body ?? '';
      const value = jsonValueAt(response.jsonBody(), jsonPathSteps(field.path));
      return value === undefined ? MISSING : value;
    }
  }
}

function textOf(value: Actual): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}

function shown(value: Actual): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : textOf(value);
  return text.length > SHOWN_LIMIT ? `${text.slice(0, SHOWN_LIMIT - 3)}...` : text;
}

/** The VALUE as text: a JSON string's value, else the text as written. */
function expectedText(value: CheckValue): string {
  return value.kind === 'json' && typeof value.value === 'string' ? value.value : value.text;
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `==`: JSON values compare as values; a text (header, whole body, JSON string) compares as text. */
function equals(actual: Actual, value: CheckValue): boolean {
  if (typeof actual === 'string') return actual === expectedText(value);
  return value.kind === 'json' ? sameJson(actual, value.value) : textOf(actual) === value.text;
}

function compare(actual: Actual, value: CheckValue, operator: '>' | '>=' | '<' | '<='): string | undefined {
  const left = typeof actual === 'number' ? actual : typeof actual === 'string' && actual.trim() !== '' ? Number(actual) : NaN;
  const right = value.kind === 'json' && typeof value.value === 'number' ? value.value : Number(value.text);
  if (Number.isNaN(left)) return `got ${shown(actual)}, not a number`;
  if (Number.isNaN(right)) return `${shown(value.text)} is not a number`;
  const holds = operator === '>' ? left > right : operator === '>=' ? left >= right : operator === '<' ? left < right : left <= right;
  return holds ? undefined : `got ${shown(actual)}`;
}

function includes(actual: Actual, value: CheckValue): boolean {
  if (Array.isArray(actual)) return actual.some((element) => (value.kind === 'json' ? sameJson(element, value.value) : textOf(element) === value.text));
  return textOf(actual).includes(expectedText(value));
}

function matches(actual: Actual, check: ResponseCheck): boolean {
  const pattern = check.pattern;
  if (!pattern) return false;
  // A fresh RegExp per test: a `g` or `y` flag must not carry lastIndex from one response to the next.
  return new RegExp(pattern.source, pattern.flags).test(textOf(actual).slice(0, MATCH_TEXT_LIMIT));
}

function holdsWithValue(check: ResponseCheck, actual: Actual, value: CheckValue): boolean {
  switch (check.operator) {
    case '==':
      return equals(actual, value);
    case '!=':
      return !equals(actual, value);
    case 'startsWith':
      return textOf(actual).startsWith(expectedText(value));
    case 'endsWith':
      return textOf(actual).endsWith(expectedText(value));
    case 'includes':
    case 'contains':
      return includes(actual, value);
    case 'matches':
      return matches(actual, check);
    default:
      return false;
  }
}

function holdsWithoutValue(check: ResponseCheck, actual: Actual): boolean {
  switch (check.operator) {
    case 'exists':
      return true;
    case 'isTrue':
      return actual === true;
    case 'isFalse':
      return actual === false;
    case 'isNumber':
      return typeof actual === 'number';
    case 'isBoolean':
      return typeof actual === 'boolean';
    case 'isString':
      return typeof actual === 'string';
    case 'isArray':
      return Array.isArray(actual);
    default:
      return false;
  }
}

/** Why the check failed on this response (`got 503`, `missing`), or undefined when it holds. */
export function evaluateCheck(check: ResponseCheck, response: CheckedResponse): string | undefined {
  const actual = actualOf(check, response);
  if (actual === MISSING) return 'missing';
  const operator = check.operator;
  if (operator === '>' || operator === '>=' || operator === '<' || operator === '<=') {
    return check.value ? compare(actual, check.value, operator) : 'missing value';
  }
  const holds = check.value ? holdsWithValue(check, actual, check.value) : holdsWithoutValue(check, actual);
  return holds ? undefined : `got ${shown(actual)}`;
}

/** The failure text of a request whose check failed: `check status == 200: got 503`. */
export function checkFailureText(check: ResponseCheck, reason: string): string {
  return `check ${check.text}: ${reason}`;
}
