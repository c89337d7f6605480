// The authoring features of `*.load.http` files: diagnostics while typing, quick fixes,
// completion, hover, the outline, folding, and the "New Load Scenario" command.
import * as vscode from 'vscode';
import { registerCommand } from '../shared/command';
import { CsvHeaderCache } from '../../engine/file-check-environment';
import { COMMANDS, SCENARIO_SELECTOR } from '../shared/ids';
import { getOutputChannel } from '../shared/output';
import { ScenarioQuickFixes } from './code-actions';
import { COMPLETION_TRIGGER_CHARACTERS, ScenarioCompletions } from './completion';
import { ScenarioDiagnostics } from './diagnostics';
import { ScenarioFolding } from './folding';
import { ScenarioHovers } from './hover';
import { openNewScenario } from './new-scenario';
import { ParsedDocuments } from './parsed-documents';
import { ScenarioSymbols } from './symbols';
import type { WorkspaceEnvironments } from '../environments/workspace-environments';

export function registerLanguageFeatures(context: vscode.ExtensionContext, environments: WorkspaceEnvironments): void {
  const log = getOutputChannel(context);
  const parsed = new ParsedDocuments();
  const diagnostics = new ScenarioDiagnostics(log, new CsvHeaderCache(), environments);
  context.subscriptions.push(
    parsed,
    diagnostics,
    vscode.languages.registerCodeActionsProvider(SCENARIO_SELECTOR, new ScenarioQuickFixes(diagnostics, log), ScenarioQuickFixes.metadata),
    vscode.languages.registerCompletionItemProvider(
      SCENARIO_SELECTOR,
      new ScenarioCompletions(parsed, diagnostics, environments, log),
      ...COMPLETION_TRIGGER_CHARACTERS,
    ),
    vscode.languages.registerHoverProvider(SCENARIO_SELECTOR, new ScenarioHovers(parsed, environments, log)),
    vscode.languages.registerDocumentSymbolProvider(SCENARIO_SELECTOR, new ScenarioSymbols(parsed, log), { label: 'Loadlens' }),
    vscode.languages.registerFoldingRangeProvider(SCENARIO_SELECTOR, new ScenarioFolding(log)),
  );
  registerCommand(context, COMMANDS.newScenario, 'New Load Scenario', openNewScenario);
}
