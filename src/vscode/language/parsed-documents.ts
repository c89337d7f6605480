// One parse per document version, shared by hover, completion and the outline (each asks for
// the same text many times while the user moves around).
import * as vscode from 'vscode';
import { parseScenario, type Scenario } from '../../core/scenario';

export class ParsedDocuments implements vscode.Disposable {
  private readonly parsed = new Map<string, { version: number; scenario: Scenario }>();
  private readonly onClose = vscode.workspace.onDidCloseTextDocument((document) => this.parsed.delete(document.uri.toString()));

  scenarioOf(document: vscode.TextDocument): Scenario {
    const key = document.uri.toString();
    const cached = this.parsed.get(key);
    if (cached?.version === document.version) return cached.scenario;
    const scenario = parseScenario(document.getText());
    this.parsed.set(key, { version: document.version, scenario });
    return scenario;
  }

  dispose(): void {
    this.onClose.dispose();
    this.parsed.clear();
  }
}
