// What an import could not carry over is in the written file as comments, and here: every note in
// the log, and a message that says how many and shows the first, with a button to the rest.
import * as vscode from 'vscode';

export function showImportNotes(what: string, notes: readonly string[], log: vscode.LogOutputChannel): void {
  if (notes.length === 0) return;
  log.info(`${what}: ${notes.length} note${notes.length === 1 ? '' : 's'} (also as # Not carried over: comments in the file):`);
  for (const note of notes) log.info(`  note: ${note}`);
  const first = notes[0] ?? '';
  const more = notes.length > 1 ? ` (and ${notes.length - 1} more)` : '';
  // A message resolves when it is dismissed (showing the log cannot throw): it never rejects.
  void vscode.window.showWarningMessage(`${what}; not carried over: ${first}${more}. The file says so in comments.`, 'Show Notes').then((choice) => {
    if (choice === 'Show Notes') log.show(true);
  });
}
