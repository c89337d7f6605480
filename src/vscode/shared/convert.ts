// Core <-> VS Code conversions. Core positions are 0-based and end-exclusive like VS Code's, so
// these are one-to-one; they live in one place so that nobody converts by hand.
import * as vscode from 'vscode';
import type { Diagnostic, Position, Range, Severity, TextEdit } from '../../core/scenario/model';
import { DIAGNOSTIC_SOURCE } from './ids';

export function toVsPosition(position: Position): vscode.Position {
  return new vscode.Position(position.line, position.character);
}

export function toVsRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export function fromVsPosition(position: vscode.Position): Position {
  return { line: position.line, character: position.character };
}

export function fromVsRange(range: vscode.Range): Range {
  return { start: fromVsPosition(range.start), end: fromVsPosition(range.end) };
}

export function toVsSeverity(severity: Severity): vscode.DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'info':
      return vscode.DiagnosticSeverity.Information;
  }
}

/** A core diagnostic as VS Code shows it: source `loadlens`, code = the core rule id. */
export function toVsDiagnostic(diagnostic: Diagnostic, source: string = DIAGNOSTIC_SOURCE): vscode.Diagnostic {
  const converted = new vscode.Diagnostic(toVsRange(diagnostic.range), diagnostic.message, toVsSeverity(diagnostic.severity));
  converted.source = source;
  converted.code = diagnostic.code;
  return converted;
}

export function toWorkspaceEdit(uri: vscode.Uri, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const workspaceEdit = new vscode.WorkspaceEdit();
  for (const edit of edits) workspaceEdit.replace(uri, toVsRange(edit.range), edit.newText);
  return workspaceEdit;
}

/** Markdown that cannot run commands or render HTML, whatever text from a file it holds. */
export function untrustedMarkdown(value: string): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(value);
  markdown.isTrusted = false;
  markdown.supportHtml = false;
  return markdown;
}
