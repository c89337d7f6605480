// The `Loadlens` output channel, shared by the authoring and the run features. Created on first
// use (nothing happens when the module loads) and disposed with the extension context; a later
// activation (tests activate more than once) gets a fresh one.
import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

export function getOutputChannel(context: vscode.ExtensionContext): vscode.LogOutputChannel {
  if (channel) return channel;
  const created = vscode.window.createOutputChannel('Loadlens', { log: true });
  channel = created;
  context.subscriptions.push(
    created,
    new vscode.Disposable(() => {
      if (channel === created) channel = undefined;
    }),
  );
  return created;
}

/**
 * Runs a provider body; a failure is logged and becomes `fallback`, never an exception in the
 * extension host (a broken hover must not break the editor).
 */
export function guarded<T>(log: vscode.LogOutputChannel, what: string, body: () => T, fallback: T): T {
  try {
    return body();
  } catch (error) {
    log.error(`${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fallback;
  }
}
