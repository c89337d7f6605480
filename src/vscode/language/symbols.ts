// The outline: scenario settings, then one symbol per request named as in the results tables.
import * as vscode from 'vscode';
import { toVsRange } from '../shared/convert';
import { guarded } from '../shared/output';
import { scenarioOutline } from './outline';
import type { ParsedDocuments } from './parsed-documents';

export class ScenarioSymbols implements vscode.DocumentSymbolProvider {
  constructor(
    private readonly parsed: ParsedDocuments,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  provideDocumentSymbols(document: vscode.TextDocument): vscode.DocumentSymbol[] {
    return guarded(this.log, 'Outline', () =>
      scenarioOutline(this.parsed.scenarioOf(document)).map((entry) => {
        const range = document.validateRange(toVsRange(entry.range));
        const selection = document.validateRange(toVsRange(entry.selectionRange));
        const kind = entry.kind === 'request' ? vscode.SymbolKind.Method : vscode.SymbolKind.Namespace;
        return new vscode.DocumentSymbol(entry.name, entry.detail, kind, range, range.contains(selection) ? selection : range);
      }),
    [],
    );
  }
}
