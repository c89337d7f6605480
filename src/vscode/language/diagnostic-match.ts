// Finds the core diagnostic behind a diagnostic VS Code hands back to a code action provider
// (a copy, not the object we published): same rule, same range, same message. Pure.
import type { Diagnostic, Range } from '../../core/scenario';

export interface ShownDiagnostic {
  range: Range;
  code: string | undefined;
  message: string;
}

export function sameDiagnostic(diagnostic: Diagnostic, shown: ShownDiagnostic): boolean {
  return diagnostic.code === shown.code && diagnostic.message === shown.message && sameRange(diagnostic.range, shown.range);
}

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}
