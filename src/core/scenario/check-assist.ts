// What the editor offers on a `??` line, from the text being typed: the fields after `??`, the
// operators after a field (and its header name or JSONPath). The words come from
// checks-catalog.ts; the vscode layer only turns them into completion items and hovers.
import { CHECK_FIELDS, CHECK_OPERATORS, checkFieldInfo, checkOperatorInfo } from './checks-catalog';
import type { ResponseCheck } from './model';

export interface CheckSuggestion {
  label: string;
  kind: 'check-field' | 'check-operator';
  detail: string;
  description: string;
  /** What to insert (plain text, not a snippet). */
  insert: string;
}

export interface CheckSuggestions {
  /** The suggestions replace the line from this character up to the cursor. */
  replaceFrom: number;
  items: CheckSuggestion[];
}

const FIELD_TYPED = /^\s*\?\?\s*(\w*)$/;
const OPERATOR_TYPED = /^\s*\?\?\s*(?:status|duration|header\s+\S+|body(?:\s+\$\S*)?)\s+(\S*)$/;

/** Suggestions for the text left of the cursor on a `??` line; undefined on any other line. */
export function checkSuggestions(beforeCursor: string): CheckSuggestions | undefined {
  const field = FIELD_TYPED.exec(beforeCursor);
  if (field) {
    const replaceFrom = beforeCursor.length - (field[1]?.length ?? 0);
    const items = CHECK_FIELDS.map((info): CheckSuggestion => ({
      label: info.name,
      kind: 'check-field',
      detail: info.syntax,
      description: info.description,
      insert: `${info.name} `,
    }));
    return { replaceFrom, items };
  }
  const operator = OPERATOR_TYPED.exec(beforeCursor);
  if (operator) {
    const replaceFrom = beforeCursor.length - (operator[1]?.length ?? 0);
    const items = CHECK_OPERATORS.map((info): CheckSuggestion => ({
      label: info.name,
      kind: 'check-operator',
      detail: info.takesValue ? `${info.name} VALUE` : `${info.name} (no value)`,
      description: info.description,
      insert: info.takesValue ? `${info.name} ` : info.name,
    }));
    return { replaceFrom, items };
  }
  return undefined;
}

/** The hover of a parsed check: what its field and its operator mean. */
export function checkExplanation(check: ResponseCheck): { field: string; operator: string } {
  return {
    field: checkFieldInfo(check.field.kind)?.description ?? '',
    operator: checkOperatorInfo(check.operator)?.description ?? '',
  };
}
