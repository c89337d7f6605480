// What a `??` check line may say: its fields and operators, with the words that completion and
// hover show (docs/scenario-checks.md, "Checks: `??` lines"). httpYac's names and meanings.
import type { CheckOperator } from './model';

export interface CheckFieldInfo {
  name: 'status' | 'header' | 'body' | 'duration';
  /** How the field is written, for completion details. */
  syntax: string;
  description: string;
}

export interface CheckOperatorInfo {
  name: CheckOperator;
  /** False for the operators that take no VALUE (`exists`, `isTrue`...). */
  takesValue: boolean;
  description: string;
}

export const CHECK_FIELDS: readonly CheckFieldInfo[] = [
  { name: 'status', syntax: '?? status == 200', description: 'The response status code.' },
  { name: 'header', syntax: '?? header NAME OPERATOR VALUE', description: 'A response header; the name is case-insensitive. Missing when the response has no such header.' },
  {
    name: 'body',
    syntax: '?? body [$.path] OPERATOR [VALUE]',
    description: 'The whole body as text, or with a JSONPath (`$`, `.key`, `[index]`, as in captures) the value at that path of a JSON body.',
  },
  { name: 'duration', syntax: '?? duration < 500', description: 'The response time in milliseconds, as counted in the stats.' },
];

export const CHECK_OPERATORS: readonly CheckOperatorInfo[] = [
  { name: '==', takesValue: true, description: 'Equal. A JSON VALUE (`200`, `true`, `"text"`) compares values; other text compares text.' },
  { name: '!=', takesValue: true, description: 'Not equal (as `==`).' },
  { name: '>', takesValue: true, description: 'Greater than, as numbers.' },
  { name: '>=', takesValue: true, description: 'Greater than or equal, as numbers.' },
  { name: '<', takesValue: true, description: 'Less than, as numbers.' },
  { name: '<=', takesValue: true, description: 'Less than or equal, as numbers.' },
  { name: 'startsWith', takesValue: true, description: 'The text starts with VALUE.' },
  { name: 'endsWith', takesValue: true, description: 'The text ends with VALUE.' },
  { name: 'includes', takesValue: true, description: 'The text contains VALUE (a JSON array: holds an element equal to VALUE).' },
  { name: 'contains', takesValue: true, description: 'The same as `includes`.' },
  { name: 'matches', takesValue: true, description: 'A regular expression (`pattern` or `/pattern/flags`) finds a match in the first 64 KiB of the text.' },
  { name: 'exists', takesValue: false, description: 'The header or the JSONPath value is present.' },
  { name: 'isTrue', takesValue: false, description: 'The value is `true`.' },
  { name: 'isFalse', takesValue: false, description: 'The value is `false`.' },
  { name: 'isNumber', takesValue: false, description: 'The value is a number.' },
  { name: 'isBoolean', takesValue: false, description: 'The value is `true` or `false`.' },
  { name: 'isString', takesValue: false, description: 'The value is a string.' },
  { name: 'isArray', takesValue: false, description: 'The value is a JSON array.' },
];

/** httpYac's check forms that run scripts or other parsers: warned about and skipped under load. */
export const FOREIGN_CHECK_FIELDS: readonly string[] = ['js', 'xpath', 'md5', 'sha256', 'sha512'];

export function checkFieldInfo(name: string): CheckFieldInfo | undefined {
  return CHECK_FIELDS.find((info) => info.name === name);
}

export function checkOperatorInfo(name: string): CheckOperatorInfo | undefined {
  return CHECK_OPERATORS.find((info) => info.name === name);
}
