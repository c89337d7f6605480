import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { LANGUAGE_ID, closeAllEditors, waitFor } from './helpers';

describe('commands', () => {
  after(closeAllEditors);

  it('loadlens.newScenario opens an untitled loadlens document', async () => {
    await vscode.commands.executeCommand('loadlens.newScenario');
    const editor = await waitFor('an editor for the new scenario', () =>
      vscode.window.activeTextEditor?.document.isUntitled ? vscode.window.activeTextEditor : undefined,
    );
    assert.equal(editor.document.languageId, LANGUAGE_ID);
    // Untitled and possibly filled in: revert so that closing asks nothing.
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
