// What a run puts back into the editor: a `??` check that failed is a diagnostic on its own line
// with its counts and top reasons, against a loopback server that answers 503 now and then.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, lineOf, loopbackTarget, openNewScenario, waitFor } from './helpers';

let target: Awaited<ReturnType<typeof loopbackTarget>>;
let served = 0;

function runDiagnostics(uri: vscode.Uri, code: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'loadlens' && codeOf(d) === code);
}

describe('run results in the editor', () => {
  before(async () => {
    target = await loopbackTarget((request, response) => {
      served += 1;
      // Every third answer is a 503: the `?? status == 200` line fails some of the time.
      response.statusCode = served % 3 === 0 ? 503 : 200;
      response.setHeader('content-type', 'application/json');
      response.end('{"ok": true}');
    });
  });

  after(() => target.close());

  it('a ?? line that failed gets its counts and reasons; a ?? line that held gets nothing', async () => {
    const document = await openNewScenario('run-checks.load.http', [
      `# @host ${target.base}`,
      '# @users 2',
      '# @spawn-rate 2',
      '# @run-time 2s',
      '# @think 50ms',
      '',
      '### Flaky',
      '# @expect status 2xx, 5xx',
      'GET /flaky',
      '?? status == 200',
      '?? body $.ok == true',
    ]);
    await vscode.commands.executeCommand('loadlens.run', document.uri);
    const found = await waitFor('the failed check diagnostic after the run', () => {
      const diagnostics = runDiagnostics(document.uri, 'check-failed');
      return diagnostics.length > 0 ? diagnostics : undefined;
    });
    assert.equal(found.length, 1, found.map((d) => d.message).join(' | '));
    const failed = found[0] as vscode.Diagnostic;
    assert.equal(failed.range.start.line, lineOf(document, '?? status == 200'));
    assert.equal(failed.severity, vscode.DiagnosticSeverity.Error);
    assert.match(failed.message, /^failed [\d,]+ of [\d,]+ times: got 503 \([\d,]+\)$/);
    const [, failures, runs] = /^failed ([\d,]+) of ([\d,]+)/.exec(failed.message) ?? [];
    assert.ok(Number(failures?.replace(/,/g, '')) < Number(runs?.replace(/,/g, '')), 'some requests passed the check');

    // An edit of the check's line makes the run's diagnostic stale.
    const edit = new vscode.WorkspaceEdit();
    const line = lineOf(document, '?? status == 200');
    edit.replace(document.uri, new vscode.Range(line, 0, line, document.lineAt(line).text.length), '?? status == 201');
    await vscode.workspace.applyEdit(edit);
    await waitFor('the stale check diagnostic to go', () => (runDiagnostics(document.uri, 'check-failed').length === 0 ? true : undefined));
  });
});
