// Threshold problems come back after a window reload: the Problems panel forgets them, run history
// keeps them. Cheap at activation: only scenarios that are open (now, or when the user opens one)
// are looked at, each once per window, by listing the history folder and reading at most a few of
// that file's newest saved runs. A run's problems are put back only while the file's text is the
// text that run ran; otherwise the next run publishes its own. The same run's numbers come back on
// the request lenses.
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { parseScenario } from '../../core/scenario';
import { LANGUAGE_ID } from '../shared/ids';
import { readSettings } from '../shared/settings';
import { ranThisText } from './logic/saved-runs';
import { readResultFile, type RunHistory } from './run-history';
import { fileNameOf, scenarioPathOf } from './scenario-document';
import type { ThresholdDiagnostics } from './threshold-diagnostics';
import type { WindowRunState } from './window-state';

export class ThresholdRestore implements vscode.Disposable {
  /** Documents already looked at in this window: a restore happens once, never over a newer run's problems. */
  private readonly looked = new Set<string>();
  private readonly onOpen = vscode.workspace.onDidOpenTextDocument((document) => this.restore(document));

  constructor(
    private readonly diagnostics: ThresholdDiagnostics,
    private readonly history: RunHistory,
    private readonly state: WindowRunState,
    private readonly log: vscode.LogOutputChannel,
  ) {
    for (const document of vscode.workspace.textDocuments) this.restore(document);
  }

  private restore(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    if (document.languageId !== LANGUAGE_ID || this.looked.has(key)) return;
    this.looked.add(key);
    // With history off nothing is saved, so nothing is restored (older saved runs are not used either).
    if (!readSettings(document.uri).runHistory.enabled) return;
    void this.restoreFromHistory(document).catch((error: unknown) =>
      this.log.warn(`Restoring the threshold problems of ${fileNameOf(document)} failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  private async restoreFromHistory(document: vscode.TextDocument): Promise<void> {
    const version = document.version;
    const text = document.getText();
    const textSha256 = createHash('sha256').update(text).digest('hex');
    const scenarioPath = scenarioPathOf(document);
    for (const file of await this.history.newestRunsOf(document.uri, fileNameOf(document))) {
      const result = await readResultFile(file).catch(() => undefined);
      if (!result || result.scenario.path !== scenarioPath) continue;
      // The newest run of this file decides: if it ran another text, its problems would point at
      // other lines, and an older run's problems are not the last word on the file.
      if (!ranThisText(result, scenarioPath, textSha256)) return;
      // A run of this window, or an edit, came first: what it did stands.
      if (this.diagnostics.has(document.uri) || document.isClosed || document.version !== version) return;
      // A saved run does not say whether it had a baseline; a baseline rule with no verdict holding a baseline value had none.
      const hadBaseline = result.thresholds.some((verdict) => verdict.baseline !== undefined);
      this.diagnostics.publish(document.uri, result, parseScenario(text), text, hadBaseline ? undefined : { defaults: readSettings(document.uri).defaultThresholds });
      this.state.restoreResultOf(document.uri.toString(), result);
      return;
    }
  }

  dispose(): void {
    this.onOpen.dispose();
  }
}
