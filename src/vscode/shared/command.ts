// The one way to register a command: its failure is logged in full and shown to the user as a
// message they can act on (with a button to the log), never as an unhandled rejection.
import * as vscode from 'vscode';
import { failureMessage } from './failure-message';
import { getOutputChannel } from './output';

export { UserFacingError } from './failure-message';

/**
 * Registers `id` into the context's subscriptions. `title` names the action in error messages
 * ("New Load Scenario"). Resolves with the handler's result, or undefined when it failed.
 */
export function registerCommand<Args extends unknown[], Result>(
  context: vscode.ExtensionContext,
  id: string,
  title: string,
  handler: (...args: Args) => Result | Promise<Result>,
): void {
  const log = getOutputChannel(context);
  const run = async (...args: Args): Promise<Result | undefined> => {
    try {
      return await handler(...args);
    } catch (error) {
      log.error(`${id} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      // The failure is in the log already; the message resolves when dismissed and never rejects.
      void showFailure(failureMessage(title, error), log);
      return undefined;
    }
  };
  context.subscriptions.push(vscode.commands.registerCommand(id, run));
}

async function showFailure(message: string, log: vscode.LogOutputChannel): Promise<void> {
  const choice = await vscode.window.showErrorMessage(message, 'Show Log');
  if (choice === 'Show Log') log.show(true);
}
