// Syntax diagnostics while typing: a scenario is checked when it opens and, debounced, after each
// change; its diagnostics go when it closes. The last check of each document is kept so that the
// code action provider can offer that check's quick fixes.
import * as vscode from 'vscode';
import { checkScenario, type CheckEnvironment, type Diagnostic, type OutsideVariables } from '../../core/scenario';
import { toVsDiagnostic } from '../shared/convert';
import { checkScenarioOnDisk, CsvHeaderCache, createFileCheckEnvironment } from '../../engine/file-check-environment';
import { workspaceFileAccess } from '../shared/file-access';
import { DIAGNOSTIC_SOURCE, LANGUAGE_ID } from '../shared/ids';
import { guarded } from '../shared/output';
import { onDidChangeSettings, readSettings } from '../shared/settings';
import { diagnosticsToShow } from './check-policy';
import type { WorkspaceEnvironments } from '../environments/workspace-environments';

interface LastCheck {
  version: number;
  diagnostics: Diagnostic[];
}

export class ScenarioDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly lastChecks = new Map<string, LastCheck>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly headers: CsvHeaderCache,
    private readonly environments: WorkspaceEnvironments,
  ) {
    this.subscriptions.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((document) => this.checkNow(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.checkSoon(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
      // A document outlives its last editor for minutes when an extension opened it, so closing
      // the last tab counts as closing it; reopening a tab brings its diagnostics back.
      vscode.window.tabGroups.onDidChangeTabs((event) => this.followTabs(event)),
      // A data or body file that appears, goes or changes can settle a diagnostic elsewhere.
      vscode.workspace.onDidCreateFiles(() => this.recheckAll()),
      vscode.workspace.onDidDeleteFiles(() => this.recheckAll()),
      vscode.workspace.onDidRenameFiles(() => this.recheckAll()),
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (document.languageId !== LANGUAGE_ID) this.recheckAll();
      }),
      // Another environment chosen, an environment file or REST Client's setting changed.
      environments.onDidChange(() => this.recheckAll()),
      onDidChangeSettings((affects) => {
        if (affects('host')) this.recheckAll();
      }),
    );
    for (const document of vscode.workspace.textDocuments) this.checkNow(document);
  }

  /** The core diagnostics of the last check, if it was made on this very version of the text. */
  lastCheckOf(document: vscode.TextDocument): Diagnostic[] | undefined {
    const last = this.lastChecks.get(document.uri.toString());
    return last?.version === document.version ? last.diagnostics : undefined;
  }

  /** Files next to a saved scenario resolve against its folder; an untitled one has none. */
  environmentOf(document: vscode.TextDocument): CheckEnvironment | undefined {
    const outside = this.environments.outsideFor(document.uri);
    return document.uri.scheme === 'file' ? { ...createFileCheckEnvironment(document.uri.fsPath, workspaceFileAccess(document.uri.fsPath), this.headers), outside } : { outside };
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    this.lastChecks.clear();
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private checkSoon(document: vscode.TextDocument): void {
    if (document.languageId !== LANGUAGE_ID) return;
    const key = document.uri.toString();
    const previous = this.pending.get(key);
    if (previous) clearTimeout(previous);
    const delay = readSettings(document.uri).diagnostics.debounceMs;
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        if (!document.isClosed) this.checkNow(document);
      }, delay),
    );
  }

  private checkNow(document: vscode.TextDocument): void {
    if (document.languageId !== LANGUAGE_ID) return;
    guarded(this.log, `Checking ${document.uri.toString(true)}`, () => {
      const { diagnostics } = checkOf(document, this.headers, this.environments.outsideFor(document.uri));
      const shown = diagnosticsToShow(diagnostics, readSettings(document.uri).host);
      this.lastChecks.set(document.uri.toString(), { version: document.version, diagnostics: shown });
      this.collection.set(document.uri, shown.map((diagnostic) => toVsDiagnostic(diagnostic)));
    }, undefined);
  }

  private followTabs(event: vscode.TabChangeEvent): void {
    for (const tab of event.closed) {
      const uri = textUriOf(tab);
      if (uri && !isInATab(uri)) this.forget(uri);
    }
    for (const tab of event.opened) {
      const uri = textUriOf(tab);
      const document = uri && vscode.workspace.textDocuments.find((each) => each.uri.toString() === uri.toString());
      if (document && !this.lastChecks.has(document.uri.toString())) this.checkNow(document);
    }
  }

  /** Checks again every scenario that has diagnostics now (not those whose tab was closed). */
  private recheckAll(): void {
    for (const document of vscode.workspace.textDocuments) {
      if (this.lastChecks.has(document.uri.toString())) this.checkSoon(document);
    }
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const timer = this.pending.get(key);
    if (timer) clearTimeout(timer);
    this.pending.delete(key);
    this.lastChecks.delete(key);
    this.collection.delete(uri);
  }
}

/** A saved scenario is checked with the file rule of src/engine/file-access.ts; an untitled one has no files to look at. */
function checkOf(document: vscode.TextDocument, headers: CsvHeaderCache, outside: OutsideVariables): ReturnType<typeof checkScenarioOnDisk> {
  if (document.uri.scheme !== 'file') return checkScenario(document.getText(), { outside });
  return checkScenarioOnDisk(document.getText(), document.uri.fsPath, workspaceFileAccess(document.uri.fsPath), headers, outside);
}

function textUriOf(tab: vscode.Tab): vscode.Uri | undefined {
  return tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined;
}

function isInATab(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => textUriOf(tab)?.toString() === key));
}
