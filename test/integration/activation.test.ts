import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, LANGUAGE_ID, closeAllEditors, openFixture, waitFor } from './helpers';

// The bundle lives in out/test/integration/: the repository root is three levels up.
const REPOSITORY_ROOT = resolve(__dirname, '..', '..', '..');

describe('activation', () => {
  after(closeAllEditors);

  it('runs the extension under development, not an installed copy', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    assert.equal(extension.extensionUri.fsPath, REPOSITORY_ROOT);
  });

  it('opens *.load.http files in the loadlens language and activates', async () => {
    const document = await openFixture('good.load.http');
    assert.equal(document.languageId, LANGUAGE_ID);
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    await waitFor('the extension to activate', () => (extension.isActive ? true : undefined));
  });
});
