// "Loadlens: New Load Scenario": an untitled scenario that teaches the format by example.
import * as vscode from 'vscode';
import { NEW_SCENARIO_TEXT } from '../../core/examples/new-scenario';
import { LANGUAGE_ID } from '../shared/ids';

/** Opens the example in a new untitled editor; resolves with its document's URI. */
export async function openNewScenario(): Promise<vscode.Uri> {
  const document = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: NEW_SCENARIO_TEXT });
  await vscode.window.showTextDocument(document);
  return document.uri;
}
