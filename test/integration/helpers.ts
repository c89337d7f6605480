// Shared steps of the integration suites: open scenarios of the fixture workspace (a temporary
// copy, so tests may create files in it) and wait for what the extension computes asynchronously.
import * as assert from 'node:assert/strict';
import { createServer, type RequestListener } from 'node:http';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'loadlens.loadlens';
export const LANGUAGE_ID = 'loadlens';

/** Generous: the machines running this suite are shared and often busy. */
const WAIT_MS = 30_000;

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite needs the fixture workspace (test/fixtures/workspace) open');
  return folder.uri;
}

/** Opens a file of the fixture workspace in an editor. */
export async function openFixture(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceRoot(), name));
  await vscode.window.showTextDocument(document);
  return document;
}

/** Writes a new scenario into the workspace copy and opens it, so that each test owns its file. */
export async function openNewScenario(name: string, lines: string[]): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(lines.join('\n') + '\n'));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return document;
}

/** Polls until `probe` returns a value other than undefined, or fails after WAIT_MS with `what`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`timed out after ${WAIT_MS / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function loadlensDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'loadlens');
}

/** Waits until the extension has published a diagnostic with each of `codes` for the document. */
export function waitForDiagnostics(document: vscode.TextDocument, codes: string[]): Promise<vscode.Diagnostic[]> {
  return waitFor(`diagnostics ${codes.join(', ')} on ${document.uri.path}`, () => {
    const found = loadlensDiagnostics(document.uri);
    const present = new Set(found.map(codeOf));
    return codes.every((code) => present.has(code)) ? found : undefined;
  });
}

/** A diagnostic's code whether VS Code holds it plain or as `{ value, target }`. */
export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  if (code === undefined) return '';
  return typeof code === 'object' ? String(code.value) : String(code);
}

export async function completionLabels(document: vscode.TextDocument, position: vscode.Position, trigger?: string): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    document.uri,
    position,
    trigger,
  );
  return list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
}

export async function hoverText(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

/** The position just after the first occurrence of `text` on line `line` (0-based). */
export function positionAfter(document: vscode.TextDocument, line: number, text: string): vscode.Position {
  const at = document.lineAt(line).text.indexOf(text);
  assert.ok(at >= 0, `line ${line + 1} of ${document.uri.path} has no "${text}"`);
  return new vscode.Position(line, at + text.length);
}

/** The line (0-based) holding `text`; fails when there is none. */
export function lineOf(document: vscode.TextDocument, text: string): number {
  for (let line = 0; line < document.lineCount; line++) {
    if (document.lineAt(line).text.includes(text)) return line;
  }
  assert.fail(`${document.uri.path} has no line with "${text}"`);
}

/** The texts of the runs of `scenario` (its file name without `.load.http`) saved in the workspace's run history. */
export async function savedRunTexts(scenario: string): Promise<string[]> {
  const folder = vscode.Uri.joinPath(workspaceRoot(), '.loadlens', 'runs');
  let entries: Array<[string, vscode.FileType]> = [];
  try {
    entries = await vscode.workspace.fs.readDirectory(folder);
  } catch {
    return [];
  }
  const texts: string[] = [];
  for (const [name] of entries.filter(([name]) => name.endsWith(`-${scenario}.json`))) {
    texts.push(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, name))));
  }
  return texts;
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** A target server on loopback (port 0) for a suite: `base` is its URL; `close` stops any run, closes the editors and the server. */
export async function loopbackTarget(handler: RequestListener): Promise<{ base: string; close(): Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    base: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    async close() {
      await vscode.commands.executeCommand('loadlens.stop');
      await closeAllEditors();
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    },
  };
}

/** The scheme of Send Request's response views (RESPONSE_SCHEME in src/vscode/run/ids.ts). */
const RESPONSE_SCHEME = 'loadlens-response';

/** The text of every open response view, oldest first. */
export function responseTexts(): string[] {
  return vscode.workspace.textDocuments.filter((document) => document.uri.scheme === RESPONSE_SCHEME).map((document) => document.getText());
}
