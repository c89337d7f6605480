// The results panel's host side: one panel per window, created beside the editor, restored after
// a reload by its serializer. It keeps what the panel should show (a live run's start and
// intervals, or a finished result) and replays it whenever the webview says `ui/ready` (first
// load, shown again after being hidden, restored), so a webview never has to be kept alive
// while hidden. Messages from the webview are checked before anything reads them. Which run it
// showed last is also noted in workspaceState: after a reload that run wins over an older state
// the webview may come back with.
import * as vscode from 'vscode';
import type { RunResult } from '../../core/metrics/result';
import {
  asUiMessage,
  looksLikeRunResult,
  WEBVIEW_PROTOCOL_VERSION,
  type HostMessage,
  type RunHeading,
  type RunOrigin,
  type UiMessage,
} from '../../core/protocol/webview';
import { PANEL_LAST_SHOWN_KEY, RESULTS_VIEW_TYPE } from '../run/ids';
import { createNonce, panelHtml } from './html';
import { asLastShown, lastShownAfter, savedStateIsBehind } from './last-shown';
import { PanelContent } from './panel-content';

export interface PanelActions {
  stop(): void;
  export(format: 'html' | 'csv', result: RunResult, heading: RunHeading | undefined): void;
  /** The live run's id, if one is running: the panel marks a restored live view as interrupted otherwise. */
  activeRunId(): string | undefined;
  /** The saved run (run history) that started at `startTime` from a scenario of that file name. */
  findSavedRun(startTime: number, scenarioFileName: string): Promise<RunResult | undefined>;
}

export class ResultsPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private readonly content = new PanelContent();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly actions: PanelActions,
    private readonly log: vscode.LogOutputChannel,
    private readonly workspaceState: vscode.Memento,
  ) {}

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** Opens the panel beside the editor, or brings it forward. */
  show(preserveFocus = true): void {
    if (this.panel) {
      this.panel.reveal(undefined, preserveFocus);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      RESULTS_VIEW_TYPE,
      'Loadlens Results',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus },
      { enableFindWidget: true },
    );
    this.adopt(panel, undefined);
  }

  /** Takes over a panel: a new one, or one VS Code restored after a reload with the webview's saved state. */
  adopt(panel: vscode.WebviewPanel, savedState: unknown): void {
    this.panel?.dispose();
    this.panel = panel;
    this.ready = false;
    const saved = savedState as { result?: unknown; heading?: RunHeading } | undefined;
    if (saved && looksLikeRunResult(saved.result)) this.content.adoptRestored(saved.result, saved.heading);
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    panel.iconPath = { light: vscode.Uri.joinPath(media, 'results-light.svg'), dark: vscode.Uri.joinPath(media, 'results-dark.svg') };
    panel.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [dist, media] };
    panel.webview.html = panelHtml({
      cspSource: panel.webview.cspSource,
      nonce: createNonce(),
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css')).toString(),
    });
    const listeners = [
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      panel.onDidChangeViewState(() => {
        // A hidden webview is torn down; it says `ui/ready` again when it is shown.
        if (!panel.visible) this.ready = false;
      }),
    ];
    listeners.push(
      panel.onDidDispose(() => {
        for (const listener of listeners) listener.dispose();
        if (this.panel === panel) {
          this.panel = undefined;
          this.ready = false;
        }
      }),
    );
    this.updateTitle();
  }

  /**
   * A panel VS Code restored after a reload. When the webview's saved state is not the run the
   * panel showed last (VS Code saves webview state on its own schedule), that run is read from
   * history and shown instead; without a saved copy (history off, an import) the state stays.
   */
  async restore(panel: vscode.WebviewPanel, savedState: unknown): Promise<void> {
    const last = asLastShown(this.workspaceState.get(PANEL_LAST_SHOWN_KEY));
    // The host's own content (a run of this window) needs no history.
    const hostHasContent = this.content.replay().length > 0;
    let newer: RunResult | undefined;
    if (last?.finished && !hostHasContent && savedStateIsBehind(savedState, last)) {
      newer = await this.actions.findSavedRun(last.startTime, last.heading.title).catch((error: unknown) => {
        this.log.warn(`Results panel: the last run shown could not be read back from history: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      });
    }
    this.adopt(panel, savedState);
    if (last && newer) this.post({ type: 'result/show', origin: last.origin, heading: last.heading, result: newer });
  }

  /** A message for the panel: remembered for replay, and posted now if the webview is listening. */
  post(message: HostMessage): void {
    this.content.remember(message);
    const shown = lastShownAfter(message, this.content.heading());
    if (shown) void this.workspaceState.update(PANEL_LAST_SHOWN_KEY, shown);
    this.updateTitle();
    if (this.panel && this.ready) void this.panel.webview.postMessage(message);
  }

  /** Shows a finished run (from history or an import) and opens the panel. */
  showResult(origin: RunOrigin, heading: RunHeading, result: RunResult): void {
    this.show(false);
    this.post({ type: 'result/show', origin, heading, result });
  }

  /** The result on display, if any: what Export writes. */
  currentResult(): { result: RunResult; heading?: RunHeading } | undefined {
    return this.content.result();
  }

  private receive(raw: unknown): void {
    const message: UiMessage | undefined = asUiMessage(raw);
    if (!message) {
      this.log.warn(`Results panel: ignored a message of unknown shape (${typeof raw === 'object' && raw !== null && 'type' in raw ? String((raw as { type: unknown }).type) : typeof raw})`);
      return;
    }
    switch (message.type) {
      case 'ui/ready': {
        if (message.protocolVersion !== WEBVIEW_PROTOCOL_VERSION) {
          this.log.warn(`Results panel speaks protocol ${message.protocolVersion}, the extension ${WEBVIEW_PROTOCOL_VERSION}: reopen the panel.`);
        }
        this.ready = true;
        const webview = this.panel?.webview;
        if (!webview) return;
        void webview.postMessage({ type: 'host/hello', protocolVersion: WEBVIEW_PROTOCOL_VERSION, activeRunId: this.actions.activeRunId() } satisfies HostMessage);
        for (const replayed of this.content.replay()) void webview.postMessage(replayed);
        return;
      }
      case 'ui/stop':
        this.actions.stop();
        return;
      case 'ui/export': {
        const current = this.currentResult();
        if (current) this.actions.export(message.format, current.result, current.heading);
        else void vscode.window.showInformationMessage('There is no finished run in the panel to export yet.');
        return;
      }
    }
  }

  private updateTitle(): void {
    if (!this.panel) return;
    const heading = this.content.heading();
    this.panel.title = heading ? `Loadlens: ${heading.title}` : 'Loadlens Results';
  }

  dispose(): void {
    this.panel?.dispose();
    this.panel = undefined;
  }
}

/** Restores the panel after a reload (VS Code keeps the webview's saved state for it). */
export function registerResultsPanelSerializer(panel: ResultsPanel): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(RESULTS_VIEW_TYPE, {
    async deserializeWebviewPanel(webviewPanel: vscode.WebviewPanel, state: unknown): Promise<void> {
      await panel.restore(webviewPanel, state);
    },
  });
}
