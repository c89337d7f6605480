// What a run puts back into the editor: a `??` check that failed is a diagnostic on its own line
// with its counts and top reasons, against a loopback server that answers 503 now and then; a rule
// against a baseline warns that it was not evaluated until a run is set as the baseline, and is
// then judged like any rule (the server slowed down between the runs), with the change on the lens.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, lineOf, loopbackTarget, openNewScenario, waitFor, workspaceRoot } from './helpers';

let target: Awaited<ReturnType<typeof loopbackTarget>>;
let served = 0;
/** The delay of `/slow`, set per run. */
let slowMs = 5;

function runDiagnostics(uri: vscode.Uri, code: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'loadlens' && codeOf(d) === code);
}

describe('run results in the editor', () => {
  before(async () => {
    target = await loopbackTarget((request, response) => {
      if (request.url === '/slow') {
        setTimeout(() => response.end('[]'), slowMs);
        return;
      }
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

  it('a baseline rule warns without a baseline; after Set as Baseline a slower run breaks it and its lens shows ▲', async () => {
    const name = 'run-baseline.load.http';
    const document = await openNewScenario(name, [
      `# @host ${target.base}`,
      '# @users 2',
      '# @spawn-rate 2',
      '# @run-time 2s',
      '# @think 20ms',
      '',
      '### Slow list',
      '# @threshold p95 < baseline + 10%',
      'GET /slow',
    ]);
    const ruleLine = lineOf(document, 'baseline + 10%');
    slowMs = 5;
    await vscode.commands.executeCommand('loadlens.run', document.uri);
    const missing = await waitFor('the baseline-missing warning', () => runDiagnostics(document.uri, 'baseline-missing')[0]);
    assert.equal(missing.range.start.line, ruleLine);
    assert.equal(missing.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(missing.message, /was not evaluated: this scenario has no baseline/);

    await vscode.commands.executeCommand('loadlens.setBaseline');
    const file = vscode.Uri.joinPath(workspaceRoot(), '.loadlens', 'baselines', `${name}.json`);
    const saved = await waitFor('the baseline file', async () => vscode.workspace.fs.readFile(file).then((bytes) => JSON.parse(new TextDecoder().decode(bytes)) as { scenario: { path: string } }, () => undefined));
    assert.equal(saved.scenario.path, document.uri.fsPath);

    // Far slower than any hiccup of a busy machine in the first run: the change is larger than the noise.
    slowMs = 150;
    await vscode.commands.executeCommand('loadlens.run', document.uri);
    const broken = await waitFor('the broken baseline rule', () => runDiagnostics(document.uri, 'p95 < baseline + 10%')[0]);
    assert.equal(broken.range.start.line, lineOf(document, 'GET /slow'));
    assert.equal(broken.severity, vscode.DiagnosticSeverity.Error);
    // The limit is the baseline's p95 plus 10%: far under the slower run's p95.
    assert.match(broken.message, /^Slow list: p95 [\d.,]+ ms > [\d.,]+ ms \([\d,]+ requests\)$/);
    assert.equal(runDiagnostics(document.uri, 'baseline-missing').length, 0, 'with a baseline the rule is judged, not skipped');
    let titles: string[] = [];
    const lens = await waitFor('the p95 change on the request lens', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
      titles = lenses.map((l) => l.command?.title ?? '');
      return titles.find((title) => /^p95 .* ▲\d+%/.test(title));
    }).catch((error: unknown) => assert.fail(`${String(error)}; the lenses: ${titles.join(' | ')}`));
    assert.match(lens, /^p95 [\d.,]+ ms ▲\d+% · /);
  });

  it('Compare With… offers the scenario\'s earlier run first and puts the change on the lens', async () => {
    const document = await openNewScenario('run-compare.load.http', [
      `# @host ${target.base}`,
      '# @users 2',
      '# @spawn-rate 2',
      '# @run-time 2s',
      '# @think 20ms',
      '',
      '### Slow list',
      'GET /slow',
    ]);
    const lensTitles = async (): Promise<string[]> =>
      (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri)).map((l) => l.command?.title ?? '');
    slowMs = 5;
    await vscode.commands.executeCommand('loadlens.run', document.uri);
    await waitFor('the first run to end', async () => ((await lensTitles()).some((t) => t.startsWith('p95 ')) ? true : undefined));
    slowMs = 150;
    await vscode.commands.executeCommand('loadlens.run', document.uri);
    let before = '';
    await waitFor('the second run to end', async () => {
      before = (await lensTitles()).find((t) => t.startsWith('p95 ')) ?? '';
      return /^p95 (1[5-9]\d|[2-9]\d\d)/.test(before) ? true : undefined;
    });
    assert.doesNotMatch(before, /▲|~/, 'no baseline: no change on the lens before Compare With…');
    // The quick pick opens; its first item is the newest other run of this scenario (the first run).
    const compared = vscode.commands.executeCommand('loadlens.compareWith');
    await new Promise((done) => setTimeout(done, 1500));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await compared;
    let titles: string[] = [];
    await waitFor('the change on the lens after Compare With…', async () => {
      titles = await lensTitles();
      return titles.some((t) => /^p95 [\d.,]+ ms ▲\d+% · /.test(t)) ? true : undefined;
    }).catch((error: unknown) => assert.fail(`${String(error)}; the lenses: ${titles.join(' | ')}`));
  });
});
