// Completion for scenarios: directives, `{{...}}` references, methods and headers. The choice of
// candidates is pure (completion-candidates.ts); this maps them to CompletionItems.
import * as vscode from 'vscode';
import { fromVsPosition, untrustedMarkdown } from '../shared/convert';
import { guarded } from '../shared/output';
import { completionCandidates, type CandidateKind, type CompletionCandidate } from './completion-candidates';
import type { ScenarioDiagnostics } from './diagnostics';
import type { ParsedDocuments } from './parsed-documents';
import { definitionsOf, environmentVariableNames, type FoundEnvironments } from '../../core/plan';
import type { WorkspaceEnvironments } from '../environments/workspace-environments';

/** Each name the environments define, with the environments that define it. */
function environmentVariables(found: FoundEnvironments): Map<string, string[]> {
  return new Map(environmentVariableNames(found).map((name) => [name, definitionsOf(found, name, undefined).map((definition) => definition.environment)]));
}

export const COMPLETION_TRIGGER_CHARACTERS = ['@', '{', '$', '.'];

const ITEM_KINDS: Record<CandidateKind, vscode.CompletionItemKind> = {
  directive: vscode.CompletionItemKind.Keyword,
  variable: vscode.CompletionItemKind.Variable,
  system: vscode.CompletionItemKind.Function,
  binding: vscode.CompletionItemKind.Module,
  column: vscode.CompletionItemKind.Field,
  request: vscode.CompletionItemKind.Reference,
  'response-path': vscode.CompletionItemKind.Property,
  method: vscode.CompletionItemKind.Method,
  header: vscode.CompletionItemKind.Property,
  'check-field': vscode.CompletionItemKind.Field,
  'check-operator': vscode.CompletionItemKind.Operator,
};

export class ScenarioCompletions implements vscode.CompletionItemProvider {
  constructor(
    private readonly parsed: ParsedDocuments,
    private readonly diagnostics: ScenarioDiagnostics,
    private readonly environments: WorkspaceEnvironments,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    return guarded(this.log, 'Completion', () => {
      const environment = this.diagnostics.environmentOf(document);
      const candidates = completionCandidates({
        lines: document.getText().split(/\r?\n/),
        position: fromVsPosition(position),
        scenario: this.parsed.scenarioOf(document),
        columnsOf: (binding) => environment?.csvColumns?.(binding.file),
        environmentVariables: environmentVariables(this.environments.of(document.uri)),
      });
      return candidates.map((candidate) => toCompletionItem(candidate, position));
    }, []);
  }
}

function toCompletionItem(candidate: CompletionCandidate, position: vscode.Position): vscode.CompletionItem {
  const item = new vscode.CompletionItem(candidate.label, ITEM_KINDS[candidate.kind]);
  item.detail = candidate.detail;
  if (candidate.documentation) item.documentation = untrustedMarkdown(candidate.documentation);
  item.insertText = new vscode.SnippetString(candidate.snippet);
  item.range = new vscode.Range(position.line, candidate.replaceFrom, position.line, position.character);
  item.sortText = candidate.sortText;
  if (candidate.retrigger) item.command = { command: 'editor.action.triggerSuggest', title: 'Suggest' };
  return item;
}
