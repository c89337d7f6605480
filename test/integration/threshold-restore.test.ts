// Threshold problems come back from run history (what a window reload keeps) when a scenario is
// opened: a real run of one file is saved, then the same saved run is given to copies of the file
// that this window has never opened (as after a reload: no problem in memory, a run on disk).
// The copy with the run's very text gets the run's problems on the same lines; a copy whose
// requests moved gets none, and neither does any file while run history is off. The copy with the
// run's text also gets the run's numbers back on its request lenses.
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import * as vscode from 'vscode';
import { closeAllEditors, lineOf, openNewScenario, waitFor, workspaceRoot } from './helpers';

let server: Server;

function thresholdDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'loadlens' && typeof d.code === 'string' && /[<>]/.test(d.code));
}

function summary(diagnostics: vscode.Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.character} ${d.severity} ${String(d.code)} ${d.message}`).sort();
}

const runsFolder = (): vscode.Uri => vscode.Uri.joinPath(workspaceRoot(), '.loadlens', 'runs');

async function savedRunOf(slug: string): Promise<{ name: string; json: Record<string, unknown> } | undefined> {
  let entries: Array<[string, vscode.FileType]> = [];
  try {
    entries = await vscode.workspace.fs.readDirectory(runsFolder());
  } catch {
    return undefined;
  }
  const name = entries.map(([entry]) => entry).find((entry) => entry.endsWith(`-${slug}.json`));
  if (!name) return undefined;
  return { name, json: JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(runsFolder(), name)))) as Record<string, unknown> };
}

/** Writes `lines` as a new scenario file (not opened) and the saved run as that file's run. */
async function copyWithRun(name: string, lines: string[], run: { name: string; json: Record<string, unknown> }): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(lines.join('\n') + '\n'));
  const json = { ...run.json, scenario: { ...(run.json.scenario as object), path: uri.fsPath } };
  const runName = run.name.replace(/-restore-ran\.json$/, `-${name.replace(/\.load\.http$/, '')}.json`);
  await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(runsFolder(), runName), new TextEncoder().encode(JSON.stringify(json)));
  return uri;
}

describe('threshold problems restored from run history', () => {
  let lines: string[] = [];
  let original: vscode.Diagnostic[] = [];
  let run: { name: string; json: Record<string, unknown> } | undefined;

  before(async () => {
    server = createServer((request, response) => {
      if (request.url === '/slow') setTimeout(() => response.end('[]'), 20);
      else response.end('ok');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    lines = [`# @host ${base}`, '# @users 2', '# @spawn-rate 2', '# @run-time 2s', '# @think 50ms', '# @threshold p99 < 1ms warn', '', '### Slow list', '# @threshold p95 < 1ms', 'GET /slow', '', '### Health', 'GET /health'];
  });

  after(async () => {
    await vscode.workspace.getConfiguration('loadlens').update('runHistory.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAllEditors();
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  });

  it('a run publishes its problems and saves itself', async () => {
    const document = await openNewScenario('restore-ran.load.http', lines);
    await vscode.commands.executeCommand('loadlens.run', document.uri);
    original = await waitFor('threshold diagnostics after the run', () => {
      const found = thresholdDiagnostics(document.uri);
      return found.length >= 2 ? found : undefined;
    });
    run = await waitFor('the run in .loadlens/runs', () => savedRunOf('restore-ran'));
  });

  it('opening a file whose text the saved run ran puts its problems back on the same lines', async () => {
    assert.ok(run, 'the run of the first test');
    // A file this window has never seen, as every file is after a reload, with the run on disk.
    const uri = await copyWithRun('restore-same.load.http', lines, run);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const restored = await waitFor('the restored threshold diagnostics', () => {
      const found = thresholdDiagnostics(uri);
      return found.length > 0 ? found : undefined;
    });
    assert.deepEqual(summary(restored), summary(original));
    const slow = restored.find((d) => d.code === 'p95 < 1ms');
    assert.equal(slow?.range.start.line, lineOf(document, 'GET /slow'));
    assert.match(slow?.message ?? '', /^Slow list: p95 [\d.,]+ ms > 1 ms \([\d,]+ requests?\)$/);    // The same run's numbers are back on the request's lens.
    const numbers = await waitFor('the restored request numbers on the lenses', async () => {
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
      const titles = lenses.filter((lens) => lens.range.start.line === lineOf(document, 'GET /slow')).map((lens) => lens.command?.title ?? '');
      return titles.find((title) => /^p95 .* rps$/.test(title));
    });
    assert.match(numbers, /errors/);
  });

  it('a file whose requests moved since the run, or any file with history off, gets nothing back', async () => {
    assert.ok(run, 'the run of the first test');
    const moved = await copyWithRun('restore-moved.load.http', ['# a new first line', ...lines], run);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(moved));
    await vscode.workspace.getConfiguration('loadlens').update('runHistory.enabled', false, vscode.ConfigurationTarget.Workspace);
    const historyOff = await copyWithRun('restore-history-off.load.http', lines, run);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(historyOff));
    await vscode.workspace.getConfiguration('loadlens').update('runHistory.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    // A control opened last: once it has its problems back, the two before it have had their turn.
    const control = await copyWithRun('restore-control.load.http', lines, run);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(control));
    await waitFor('the control file’s restored diagnostics', () => (thresholdDiagnostics(control).length > 0 ? true : undefined));
    await new Promise((done) => setTimeout(done, 500));
    assert.deepEqual(summary(thresholdDiagnostics(moved)), [], 'the run ran other lines');
    assert.deepEqual(summary(thresholdDiagnostics(historyOff)), [], 'history is off');
  });
});
