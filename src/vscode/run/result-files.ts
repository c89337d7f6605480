// Results to and from files: Export HTML Report, Export CSV (Locust's three files) and Import
// Locust CSV Results (shown in the panel as a run of ours).
import * as vscode from 'vscode';
import type { RunResult } from '../../core/metrics/result';
import type { RunHeading } from '../../core/protocol/webview';
import { failuresCsv, historyCsv, htmlReport, importLocustCsv, statsCsv } from '../../core/report';
import { UserFacingError } from '../shared/command';
import { csvFileSet, csvPrefixOf, importSetFromPicked } from './logic/csv-files';
import { scenarioSlug } from './logic/history';

function defaultFolder(): vscode.Uri | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

function baseName(result: RunResult, heading: RunHeading | undefined): string {
  return scenarioSlug(heading?.title ?? result.scenario.path);
}

async function write(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

async function offerToOpen(message: string, uri: vscode.Uri, external: boolean): Promise<void> {
  const choice = await vscode.window.showInformationMessage(message, external ? 'Open in Browser' : 'Open');
  if (!choice) return;
  if (external) await vscode.env.openExternal(uri);
  else await vscode.window.showTextDocument(uri);
}

export async function exportHtml(result: RunResult, heading: RunHeading | undefined): Promise<void> {
  const folder = defaultFolder();
  const name = `${baseName(result, heading)}-report.html`;
  const target = await vscode.window.showSaveDialog({
    title: 'Export HTML Report',
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: { 'HTML report': ['html'] },
  });
  if (!target) return;
  await write(target, htmlReport(result));
  await offerToOpen(`HTML report written to ${vscode.workspace.asRelativePath(target)}.`, target, target.scheme === 'file');
}

export async function exportCsv(result: RunResult, heading: RunHeading | undefined): Promise<void> {
  const folder = defaultFolder();
  const target = await vscode.window.showSaveDialog({
    title: 'Export CSV (Locust format): PREFIX_stats.csv, PREFIX_failures.csv, PREFIX_stats_history.csv',
    defaultUri: folder ? vscode.Uri.joinPath(folder, `${baseName(result, heading)}_stats.csv`) : undefined,
    filters: { CSV: ['csv'] },
  });
  if (!target) return;
  const files = csvFileSet(csvPrefixOf(target.path));
  const at = (path: string): vscode.Uri => target.with({ path });
  await write(at(files.stats), statsCsv(result));
  await write(at(files.failures), failuresCsv(result));
  await write(at(files.history), historyCsv(result, false));
  await offerToOpen(`Wrote ${vscode.workspace.asRelativePath(at(files.stats))} with its _failures.csv and _stats_history.csv.`, at(files.stats), false);
}

async function readIfPresent(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** Asks for Locust's CSV files and reads them into a result, with the name the panel shows. */
export async function importLocustResults(): Promise<{ result: RunResult; heading: RunHeading } | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: 'Import Locust CSV Results: pick PREFIX_stats.csv (the _failures and _stats_history files beside it are read too)',
    canSelectMany: true,
    defaultUri: defaultFolder(),
    filters: { 'Locust CSV': ['csv'] },
  });
  if (!picked || picked.length === 0) return undefined;
  const first = picked[0] as vscode.Uri;
  const set = importSetFromPicked(picked.map((uri) => uri.path));
  if (!set.ok) throw new UserFacingError(set.message);
  const at = (path: string): vscode.Uri => first.with({ path });
  const stats = await readIfPresent(at(set.set.stats));
  if (stats === undefined) throw new UserFacingError(`${set.set.stats.split('/').pop()} was not found: Locust writes it with --csv PREFIX, and the panel needs at least that file.`);
  const name = set.set.prefix.split('/').pop() || 'locust';
  const imported = importLocustCsv({ stats, failures: await readIfPresent(at(set.set.failures)), history: await readIfPresent(at(set.set.history)) }, name);
  if (!imported.ok) throw new UserFacingError(`These files could not be imported: ${imported.message}`);
  return { result: imported.result, heading: { title: `${name} (Locust)`, plan: '', host: imported.result.host } };
}
