// The results panel's host side: one panel per window, created beside the editor, restored after
// a reload by its serializer. It is a view of what it shows (panel-shown.ts: this window's run
// session, or a saved, imported or restored snapshot): whenever the webview says `ui/ready` (first
// load, shown again after being hidden, restored) it gets one `panel/snapshot`, then the run's
// messages as they come, so a webview never has to be kept alive while hidden. Messages from the
// webview are checked before anything reads them. Which run it showed last is also noted in
// workspaceState: after a reload that run wins over an older state the webview may come back with.
// The webview keeps only what it draws; the full result of a restored run comes from the host.
import * as vscode from 'vscode';
import type { RunResult } from '../../core/metrics/result';
import {
  asPanelSnapshot,
  asUiMessage,
  WEBVIEW_PROTOCOL_VERSION,
  type HostMessage,
  type PanelComparison,
  type RunHeading,
  type RunOrigin,
  type UiMessage,
} from '../../core/protocol/webview';
import { emptyPanelSnapshot, resultSnapshot } from '../../core/report/panel-snapshot';
import { PANEL_LAST_SHOWN_KEY, RESULTS_VIEW_TYPE } from '../run/ids';
import type { RunSession } from '../run/run-session';
import { createNonce, panelHtml } from './html';
import { asLastShown, lastShownAfter } from './last-shown';
import { PanelShown } from './panel-shown';
import { restoredRun, type FindShownRun } from './restored-run';
import { inBackground } from '../shared/in-background';

export interface PanelActions {
  stop(): void;
  export(format: 'html' | 'csv', result: RunResult, heading: RunHeading | undefined): void;
  /** The full result of a run the panel showed before a reload: run history, or the host's copy of an import. */
  findShownRun: FindShownRun;
  /** Keeps the host's copy of an imported run, so that it still exports after a reload. */
  keepImported(result: RunResult, name: string): Promise<void>;
  /** The panel's Set as Baseline and Compare With… buttons: the commands of the same names. */
  setBaseline(): void;
  compareWith(): void;
}

export class ResultsPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private readonly shown = new PanelShown();

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
    this.adopt(panel);
  }

  /** Takes over a panel: a new one, or one VS Code restored after a reload. */
  private adopt(panel: vscode.WebviewPanel): void {
    this.panel?.dispose();
    this.panel = panel;
    this.ready = false;
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
   * A panel VS Code restored after a reload. The webview saved only what it draws, so the full
   * result (what Export writes) is read back from the host's copies (restored-run.ts); when the
   * webview's saved state is not the run the panel showed last (VS Code saves webview state on its
   * own schedule), that run is shown instead. Without a copy, the drawn state stays, not exportable.
   */
  async restore(panel: vscode.WebviewPanel, savedState: unknown): Promise<void> {
    // A run of this window needs neither the webview's copy nor history.
    if (this.shown.isEmpty) {
      const find: FindShownRun = (origin, startTime, name) =>
        this.actions.findShownRun(origin, startTime, name).catch((error: unknown) => {
          this.log.warn(`Results panel: the run shown before the reload could not be read back: ${error instanceof Error ? error.message : String(error)}`);
          return undefined;
        });
      const restored = await restoredRun(asPanelSnapshot(savedState), asLastShown(this.workspaceState.get(PANEL_LAST_SHOWN_KEY)), find);
      if (restored && this.shown.isEmpty) this.shown.showSnapshot(restored.snapshot, restored.exportable);
    }
    this.adopt(panel);
  }

  /** A run of this window starts: the panel follows its session from now on. */
  followRun(session: RunSession): void {
    this.shown.showRun(session);
    this.post({
      type: 'run/started',
      runId: session.request.runId,
      heading: session.request.heading,
      startTime: session.startTime ?? Date.now(),
      load: session.load ?? { kind: 'users', users: 0 },
      plannedDurationMs: session.plannedDurationMs,
      requestNames: session.requestNames,
    });
  }

  /** One of the followed run's messages: posted now if the webview is listening (a later webview gets the snapshot). */
  post(message: HostMessage): void {
    const note = lastShownAfter(message, this.shown.heading());
    if (note) inBackground(this.workspaceState.update(PANEL_LAST_SHOWN_KEY, note), 'Results panel: saving the run shown', this.log);
    this.updateTitle();
    if (this.panel && this.ready) inBackground(this.panel.webview.postMessage(message), 'Results panel: posting a run message', this.log);
  }

  /** Shows a finished run (from history or an import) and opens the panel. */
  showResult(origin: RunOrigin, heading: RunHeading, result: RunResult): void {
    this.shown.showSnapshot(resultSnapshot(origin, heading, result));
    if (origin === 'imported') {
      void this.actions.keepImported(result, heading.title).catch((error: unknown) => {
        this.log.warn(`Results panel: the imported run was not kept for after a reload: ${error instanceof Error ? error.message : String(error)}`);
      });
    }
    this.show(false);
    this.post({ type: 'result/show', origin, heading, result });
  }

  /** The run on display compared with another: drawn under its statistics, and kept for the next `ui/ready`. */
  showComparison(comparison: PanelComparison): void {
    this.shown.compare(comparison);
    this.post({ type: 'comparison/show', comparison });
  }

  /** The result on display, if any: what Export writes. */
  currentResult(): { result: RunResult; heading?: RunHeading } | undefined {
    return this.shown.result();
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
        const snapshot = this.shown.snapshot() ?? emptyPanelSnapshot();
        inBackground(webview.postMessage({ type: 'panel/snapshot', protocolVersion: WEBVIEW_PROTOCOL_VERSION, snapshot } satisfies HostMessage), 'Results panel: posting the snapshot', this.log);
        return;
      }
      case 'ui/stop':
        this.actions.stop();
        return;
      case 'ui/set-baseline':
        this.actions.setBaseline();
        return;
      case 'ui/compare':
        this.actions.compareWith();
        return;
      case 'ui/export': {
        const current = this.currentResult();
        if (current) this.actions.export(message.format, current.result, current.heading);
        // A message resolves when it is dismissed, whatever the user does: it never rejects.
        else if (this.shown.shownWithoutResult) {
          void vscode.window.showInformationMessage(
            'The full result of this run is no longer on disk (run history off or the file deleted): open it again with "Open Previous Run" or import it again to export it.',
          );
        } else void vscode.window.showInformationMessage('There is no finished run in the panel to export yet.');
        return;
      }
    }
  }

  private updateTitle(): void {
    if (!this.panel) return;
    const heading = this.shown.heading();
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
