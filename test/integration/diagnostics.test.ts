import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, lineOf, loadlensDiagnostics, openFixture, openNewScenario, waitFor, waitForDiagnostics, workspaceRoot } from './helpers';

function byCode(diagnostics: vscode.Diagnostic[], code: string): vscode.Diagnostic {
  const found = diagnostics.find((d) => codeOf(d) === code);
  assert.ok(found, `no ${code} among ${diagnostics.map(codeOf).join(', ')}`);
  return found;
}

describe('diagnostics', () => {
  after(closeAllEditors);

  it('reads a first request without ### and says so on its line, as information', async () => {
    const document = await openFixture('broken.load.http');
    const diagnostics = await waitForDiagnostics(document, ['implicit-first-request']);
    const diagnostic = byCode(diagnostics, 'implicit-first-request');
    const line = lineOf(document, 'GET /too-early');
    assert.equal(diagnostic.range.start.line, line);
    assert.equal(diagnostic.range.end.line, line);
    assert.match(document.getText(diagnostic.range), /GET/);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Information);
  });

  it('reports an unknown variable on its {{reference}}, as an error', async () => {
    const document = await openFixture('broken.load.http');
    const diagnostics = await waitForDiagnostics(document, ['unknown-variable']);
    const diagnostic = byCode(diagnostics, 'unknown-variable');
    assert.equal(diagnostic.range.start.line, lineOf(document, 'GET /patient/{{nope}}'));
    assert.match(document.getText(diagnostic.range), /nope/);
    assert.match(diagnostic.message, /nope/);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
  });

  it('refuses a data file outside the workspace folders on its @data line, without showing its contents', async () => {
    // The workspace is a temporary copy; its parent folder is outside it.
    const outside = vscode.Uri.joinPath(workspaceRoot(), '..', `outside-${Date.now()}.csv`);
    await vscode.workspace.fs.writeFile(outside, new TextEncoder().encode('API_KEY=not-for-the-editor\n1\n'));
    try {
      const name = outside.path.split('/').pop() as string;
      const document = await openNewScenario('outside-data.load.http', ['# @host http://localhost:8888', '# @users 1', `# @data ../${name} as d`, '', '### one', 'GET /{{d.x}}']);
      const diagnostic = byCode(await waitForDiagnostics(document, ['file-outside']), 'file-outside');
      assert.equal(diagnostic.range.start.line, 2);
      assert.match(diagnostic.message, /outside the folders a scenario may read .*add its folder to the workspace/);
      for (const each of loadlensDiagnostics(document.uri)) assert.doesNotMatch(each.message, /not-for-the-editor|API_KEY/);
    } finally {
      await vscode.workspace.fs.delete(outside);
    }
  });

  it('reports no error for a valid scenario', async () => {
    const good = await openFixture('good.load.http');
    // Diagnostics of a second file prove the checker has run; then give the good one its debounce.
    const broken = await openNewScenario('broken-probe.load.http', ['GET /{{nope}}']);
    await waitForDiagnostics(broken, ['unknown-variable']);
    await vscode.window.showTextDocument(good);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const errors = loadlensDiagnostics(good.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(errors.map((d) => `${d.range.start.line + 1}: ${codeOf(d)} ${d.message}`), []);
  });

  it('offers the quick fix "Insert ###" for a first request without ###, and it makes the reading explicit', async () => {
    const document = await openNewScenario('quickfix.load.http', ['# @host http://localhost:8888', '# @users 1', 'GET /health']);
    const diagnostic = byCode(await waitForDiagnostics(document, ['implicit-first-request']), 'implicit-first-request');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((action) => /Insert ###/.test(action.title));
    assert.ok(fix, `no "Insert ###" among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(fix.edit, 'the quick fix carries no edit');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const request = lineOf(document, 'GET /health');
    assert.match(document.lineAt(request - 1).text, /^###/);
    await document.save();
    await waitFor('implicit-first-request to go away', () =>
      loadlensDiagnostics(document.uri).some((d) => codeOf(d) === 'implicit-first-request') ? undefined : true,
    );
  });
});
