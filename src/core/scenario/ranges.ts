// Small helpers for 0-based, end-exclusive ranges and the diagnostics that carry them.
import type { Diagnostic, Position, QuickFix, Range, Severity } from './model';

export function lineRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

export function comparePositions(a: Position, b: Position): number {
  return a.line === b.line ? a.character - b.character : a.line - b.line;
}

/** Inclusive of the end, so that a cursor right after `}}` or a directive still counts as on it. */
export function rangeTouches(range: Range, position: Position): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}

export function diagnostic(
  range: Range,
  severity: Severity,
  code: string,
  message: string,
  fixes?: QuickFix[],
): Diagnostic {
  return fixes && fixes.length > 0 ? { range, severity, message, code, fixes } : { range, severity, message, code };
}

/** A quick fix that replaces one range with new text. */
export function replaceFix(title: string, range: Range, newText: string): QuickFix {
  return { title, edits: [{ range, newText }] };
}

/** User text quoted in a message, cut short so that a huge line makes a readable message. */
export function quote(text: string): string {
  return text.length > 60 ? `'${text.slice(0, 57)}...'` : `'${text}'`;
}
