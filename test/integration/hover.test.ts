import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, hoverText, lineOf, openFixture } from './helpers';

describe('hover', () => {
  after(closeAllEditors);

  it('describes a directive', async () => {
    const document = await openFixture('good.load.http');
    const line = lineOf(document, '# @users 10');
    const text = await hoverText(document, new vscode.Position(line, '# @us'.length));
    assert.match(text, /virtual users|concurrent/i, `hover on @users said: ${text}`);
  });

  it('shows the value of a {{variable}}', async () => {
    const document = await openFixture('good.load.http');
    const line = lineOf(document, 'Authorization: Bearer {{token}}');
    const text = await hoverText(document, new vscode.Position(line, document.lineAt(line).text.indexOf('token') + 2));
    assert.match(text, /abc123/, `hover on {{token}} said: ${text}`);
  });
});
