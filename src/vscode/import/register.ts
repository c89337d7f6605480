// The import features: the lenses and commands on plain .http files, Paste cURL as Request, and
// Loadlens: Import…. They run and show through the run features' services (one launch, one panel).
import * as vscode from 'vscode';
import type { ParsedDocuments } from '../language/parsed-documents';
import { registerCommand } from '../shared/command';
import { SCENARIO_SELECTOR } from '../shared/ids';
import { getOutputChannel } from '../shared/output';
import type { LaunchServices } from '../run/run-launcher';
import type { WindowRunState } from '../run/window-state';
import { convertToLoadScenario, loadTestHttpFile } from './http-file-commands';
import { HttpFileLenses } from './http-file-lens';
import { HTTP_FILE_SELECTOR } from './http-files';
import { IMPORT_COMMANDS } from './ids';
import { importInto } from './import-command';
import { CurlPasteProvider, pasteCurlAsRequest } from './paste-curl';

export interface RunFeatures {
  services: LaunchServices;
  state: WindowRunState;
  parsed: ParsedDocuments;
  /** Fires when lenses that show the run state must be drawn again. */
  lensesChanged: vscode.Event<void>;
}

export function registerImportFeatures(context: vscode.ExtensionContext, run: RunFeatures): void {
  const log = getOutputChannel(context);
  const lenses = new HttpFileLenses(run.parsed, run.state, run.lensesChanged);
  context.subscriptions.push(
    vscode.languages.registerCodeLensProvider(HTTP_FILE_SELECTOR, lenses),
    vscode.languages.registerDocumentPasteEditProvider(SCENARIO_SELECTOR, new CurlPasteProvider(), CurlPasteProvider.metadata),
  );
  registerCommand(context, IMPORT_COMMANDS.loadTestHttpFile, 'Load Test', (uri?: unknown, index?: unknown, options?: unknown) => loadTestHttpFile(run.services, uri, index, options));
  registerCommand(context, IMPORT_COMMANDS.convertToLoadScenario, 'Convert to Load Scenario', (uri?: unknown, options?: unknown) => convertToLoadScenario(uri, options));
  registerCommand(context, IMPORT_COMMANDS.pasteCurl, 'Paste cURL as Request', (text?: unknown) => pasteCurlAsRequest(text, log));
  registerCommand(context, IMPORT_COMMANDS.importFrom, 'Import', (kind?: unknown, source?: unknown) => importInto(kind, source, log));
}
