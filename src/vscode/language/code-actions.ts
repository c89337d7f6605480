// Quick fixes: the `fixes` that core put on each diagnostic, offered from the light bulb.
import * as vscode from 'vscode';
import type { Diagnostic } from '../../core/scenario';
import { fromVsRange, toVsRange, toWorkspaceEdit } from '../shared/convert';
import { DIAGNOSTIC_SOURCE } from '../shared/ids';
import { guarded } from '../shared/output';
import type { ScenarioDiagnostics } from './diagnostics';
import { sameDiagnostic } from './diagnostic-match';

export class ScenarioQuickFixes implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(
    private readonly diagnostics: ScenarioDiagnostics,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return guarded(this.log, 'Quick fixes', () => this.quickFixes(document, context), []);
  }

  private quickFixes(document: vscode.TextDocument, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !context.only.contains(vscode.CodeActionKind.QuickFix)) return [];
    // Fixes of a check made on older text would edit the wrong place; the next check brings new ones.
    const checked = this.diagnostics.lastCheckOf(document);
    if (!checked) return [];
    const actions: vscode.CodeAction[] = [];
    for (const shown of context.diagnostics) {
      if (shown.source !== DIAGNOSTIC_SOURCE) continue;
      // Compare clamped ranges: VS Code may clamp a range that runs past the end of a line.
      const wanted = { range: fromVsRange(document.validateRange(shown.range)), code: codeOf(shown), message: shown.message };
      const found = checked.find((diagnostic) =>
        sameDiagnostic({ ...diagnostic, range: fromVsRange(document.validateRange(toVsRange(diagnostic.range))) }, wanted),
      );
      actions.push(...actionsFor(document, shown, found));
    }
    return actions;
  }
}

function actionsFor(document: vscode.TextDocument, shown: vscode.Diagnostic, found: Diagnostic | undefined): vscode.CodeAction[] {
  const fixes = found?.fixes ?? [];
  return fixes.map((fix) => {
    const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    action.edit = toWorkspaceEdit(document.uri, fix.edits);
    action.diagnostics = [shown];
    action.isPreferred = fixes.length === 1;
    return action;
  });
}

function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}
