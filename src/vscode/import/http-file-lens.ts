// Code lenses on plain `.http` / `.rest` files: "Load test" on the first line (the whole file) and
// above each request (that request alone), and "Convert to Load Scenario"; while a load test of
// the file runs, Stop and Show results instead, as on a scenario.
import * as vscode from 'vscode';
import type { ParsedDocuments } from '../language/parsed-documents';
import { RUN_COMMANDS } from '../run/ids';
import { STOP_LENS_LABEL } from '../run/logic/lens-text';
import type { WindowRunState } from '../run/window-state';
import { isPlainHttpFile } from './http-files';
import { IMPORT_COMMANDS } from './ids';

export const LOAD_TEST_LENS = 'Load test';

export class HttpFileLenses implements vscode.CodeLensProvider {
  /** `changes` fires when the run state changes (the scenario lenses' own event: one redraw signal for both). */
  constructor(
    private readonly parsed: ParsedDocuments,
    private readonly state: WindowRunState,
    readonly onDidChangeCodeLenses: vscode.Event<void>,
  ) {}

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!isPlainHttpFile(document)) return [];
    const scenario = this.parsed.scenarioOf(document);
    if (scenario.requests.length === 0) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const active = this.state.active;
    if (active && active.request.documentKey === document.uri.toString()) {
      return [
        new vscode.CodeLens(top, { title: active.phase === 'stopping' ? '■ Stopping…' : STOP_LENS_LABEL, command: RUN_COMMANDS.stop, tooltip: 'Stop the load test' }),
        new vscode.CodeLens(top, { title: 'Show results', command: RUN_COMMANDS.showResults, tooltip: 'Show the live results' }),
      ];
    }
    const lenses = [
      new vscode.CodeLens(top, { title: `${LOAD_TEST_LENS} (all ${scenario.requests.length} requests)`, command: IMPORT_COMMANDS.loadTestHttpFile, arguments: [document.uri], tooltip: 'Run the requests of this file in order as a load test: choose users, run time and host' }),
      new vscode.CodeLens(top, { title: 'Convert to Load Scenario', command: IMPORT_COMMANDS.convertToLoadScenario, arguments: [document.uri], tooltip: 'Write a .load.http scenario beside this file, with the load you choose' }),
    ];
    for (const request of scenario.requests) {
      const line = request.requestLineRange;
      const range = new vscode.Range(line.start.line, line.start.character, line.end.line, line.end.character);
      lenses.push(new vscode.CodeLens(range, { title: LOAD_TEST_LENS, command: IMPORT_COMMANDS.loadTestHttpFile, arguments: [document.uri, request.index], tooltip: `Load test ${request.statsName} alone (with the requests it reads responses of)` }));
    }
    return lenses;
  }
}
