// "Load test" on a plain .http file and "Convert to Load Scenario": the same input flow as "Run
// Load Test with Options…" (prefilled with a small first load), then the same launch, engine and
// panel as a scenario's run (src/vscode/run/run-launcher.ts), or a `NAME.load.http` written beside
// the file with that load as header directives (src/core/import/http-file.ts).
import * as vscode from 'vscode';
import { convertHttpFile, singleRequestScenario, type ChosenLoad } from '../../core/import';
import type { RunOptions } from '../../core/protocol/engine';
import { parseScenario } from '../../core/scenario';
import { UserFacingError } from '../shared/command';
import { readSettings } from '../shared/settings';
import { askRunOptions } from '../run/run-options-input';
import { launchRun, type LaunchServices } from '../run/run-launcher';
import { fileNameOf } from '../run/scenario-document';
import { isPlainHttpFile, loadScenarioName } from './http-files';
import { FIRST_LOAD_FORM } from './ids';
import { writeBesideAsking } from './write-beside';

/** The plain .http file a command acts on: the one it was given, else the active editor's. */
export async function httpDocument(argument: unknown): Promise<vscode.TextDocument> {
  if (argument instanceof vscode.Uri) {
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === argument.toString());
    return open ?? (await vscode.workspace.openTextDocument(argument));
  }
  const active = vscode.window.activeTextEditor?.document;
  if (active && isPlainHttpFile(active)) return active;
  throw new UserFacingError('Open a .http or .rest request file (REST Client, httpYac) first, then run the command again.');
}

/** Options given by a caller (a test, another extension) skip the input flow. */
function givenOptions(value: unknown): RunOptions | undefined {
  return typeof value === 'object' && value !== null ? (value as RunOptions) : undefined;
}

function askLoad(text: string, fileName: string, document: vscode.TextDocument, title: string): Promise<RunOptions | undefined> {
  return askRunOptions(parseScenario(text), fileName, readSettings(document.uri).host, { ...FIRST_LOAD_FORM }, title);
}

export async function loadTestHttpFile(services: LaunchServices, uri: unknown, requestIndex: unknown, options: unknown): Promise<void> {
  const document = await httpDocument(uri);
  const fileName = fileNameOf(document);
  const cut = (whole: string): string => {
    if (typeof requestIndex !== 'number') return whole;
    const text = singleRequestScenario(whole, requestIndex);
    if (text === undefined) throw new UserFacingError(`${fileName} has no request ${requestIndex + 1} any more: the file changed. Click the lens again.`);
    return text;
  };
  const chosen = givenOptions(options) ?? (await askLoad(cut(document.getText()), fileName, document, `Load test ${fileName}`));
  if (!chosen) return;
  await launchRun(services, document.uri, chosen, (current) => cut(current.getText()));
}

function chosenLoad(options: RunOptions): ChosenLoad {
  const { users, spawnRate, runTimeMs, rate, host } = options;
  return { users, spawnRate, runTimeMs, rate, host };
}

/** Writes `NAME.load.http` beside the file (asking before it replaces one) and opens it. */
export async function convertToLoadScenario(uri: unknown, options: unknown): Promise<vscode.Uri | undefined> {
  const document = await httpDocument(uri);
  const fileName = fileNameOf(document);
  const chosen = givenOptions(options) ?? (await askLoad(document.getText(), fileName, document, `Convert ${fileName} to a load scenario`));
  if (!chosen) return undefined;
  const target = await writeBesideAsking(document.uri, loadScenarioName(fileName), convertHttpFile(document.getText(), fileName, chosenLoad(chosen)));
  if (target) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target));
  return target;
}
