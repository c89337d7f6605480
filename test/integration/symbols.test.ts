import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, openFixture } from './helpers';

type AnySymbol = vscode.DocumentSymbol | vscode.SymbolInformation;

function names(symbols: AnySymbol[]): string[] {
  return symbols.flatMap((symbol) => [symbol.name, ...('children' in symbol ? names(symbol.children) : [])]);
}

describe('document symbols', () => {
  after(closeAllEditors);

  it('lists the requests by their stats names, in file order', async () => {
    const document = await openFixture('good.load.http');
    const symbols = await vscode.commands.executeCommand<AnySymbol[] | undefined>('vscode.executeDocumentSymbolProvider', document.uri);
    const found = names(symbols ?? []);
    const expected = ['Home page', 'List hospitals', 'POST {{base}}/patient'];
    assert.deepEqual(found.filter((name) => expected.includes(name)), expected, `symbols: ${found.join(' | ')}`);
  });
});
