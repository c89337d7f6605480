// Run history: each finished run saved as the engine's JSON result under `.loadlens/runs/` of the
// scenario's workspace folder, pruned to `loadlens.runHistory.maxRuns`, and "Open Previous Run…".
import * as vscode from 'vscode';
import type { RunResult } from '../../core/metrics/result';
import { parseResultJson, resultJson } from '../../core/report';
import { describePlan, formatTimestamp } from '../../core/present';
import type { RunHeading } from '../../core/protocol/webview';
import { UserFacingError } from '../shared/command';
import { readSettings } from '../shared/settings';
import { filesToPrune, HISTORY_FOLDER, historyFileName, listHistory, scenarioSlug, type HistoryEntry } from './logic/history';
import { newestRunsOf, savedRunFile } from './logic/saved-runs';

function historyFolderFor(scenario: vscode.Uri): vscode.Uri | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(scenario) ?? vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, ...HISTORY_FOLDER.split('/')) : undefined;
}

export function headingOfSaved(result: RunResult): RunHeading {
  const title = result.scenario.path.split(/[\\/]/).pop() || 'scenario';
  return { title, plan: describePlan(result.load, 0), host: result.host };
}

export class RunHistory {
  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** Saves the result (when history is on) and prunes old runs; returns where it went. */
  async save(scenario: vscode.Uri, scenarioFileName: string, result: RunResult): Promise<vscode.Uri | undefined> {
    const settings = readSettings(scenario).runHistory;
    if (!settings.enabled) return undefined;
    const folder = historyFolderFor(scenario);
    if (!folder) {
      this.log.info('Run history: no workspace folder is open, so this run is not saved.');
      return undefined;
    }
    await vscode.workspace.fs.createDirectory(folder);
    const file = vscode.Uri.joinPath(folder, historyFileName(result.startTime, scenarioFileName));
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(resultJson(result)));
    const names = await fileNamesIn(folder);
    for (const name of filesToPrune(names, settings.maxRuns, scenarioSlug(scenarioFileName))) {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder, name));
    }
    this.log.info(`Run saved to ${file.fsPath}`);
    return file;
  }

  /** Every saved run of the open workspace folders, newest first. */
  async list(): Promise<Array<HistoryEntry & { uri: vscode.Uri }>> {
    const entries: Array<HistoryEntry & { uri: vscode.Uri }> = [];
    for (const workspaceFolder of vscode.workspace.workspaceFolders ?? []) {
      const folder = vscode.Uri.joinPath(workspaceFolder.uri, ...HISTORY_FOLDER.split('/'));
      for (const entry of listHistory(await fileNamesIn(folder))) entries.push({ ...entry, uri: vscode.Uri.joinPath(folder, entry.fileName) });
    }
    return entries.sort((a, b) => b.startTime - a.startTime);
  }

  /** The newest saved runs that may be this scenario's (by file name), newest first; only the folder is listed. */
  async newestRunsOf(scenario: vscode.Uri, scenarioFileName: string): Promise<vscode.Uri[]> {
    const folder = historyFolderFor(scenario);
    if (!folder) return [];
    return newestRunsOf(await fileNamesIn(folder), scenarioFileName).map((entry) => vscode.Uri.joinPath(folder, entry.fileName));
  }

  /** The saved run that started at `startTime` from a scenario of that file name, in any workspace folder. */
  async find(startTime: number, scenarioFileName: string): Promise<RunResult | undefined> {
    for (const workspaceFolder of vscode.workspace.workspaceFolders ?? []) {
      const folder = vscode.Uri.joinPath(workspaceFolder.uri, ...HISTORY_FOLDER.split('/'));
      const fileName = savedRunFile(await fileNamesIn(folder), startTime, scenarioFileName);
      if (!fileName) continue;
      const result = await readResultFile(vscode.Uri.joinPath(folder, fileName));
      if (result.startTime === startTime) return result;
    }
    return undefined;
  }

  /** Asks which run to open and reads it. */
  async pick(): Promise<RunResult | undefined> {
    const entries = await this.list();
    if (entries.length === 0) throw new UserFacingError(`No saved runs yet: runs are saved under ${HISTORY_FOLDER}/ of the workspace when loadlens.runHistory.enabled is on.`);
    const picked = await vscode.window.showQuickPick(
      entries.map((entry) => ({ label: entry.scenario, description: formatTimestamp(entry.startTime), detail: vscode.workspace.asRelativePath(entry.uri), entry })),
      { title: 'Open Previous Run', placeHolder: 'Saved runs, newest first', matchOnDescription: true },
    );
    if (!picked) return undefined;
    return readResultFile(picked.entry.uri);
  }
}

/** The files of a history folder; none when it does not exist yet. */
async function fileNamesIn(folder: vscode.Uri): Promise<string[]> {
  try {
    // A missing folder is the usual case before the first run: `stat` says so quietly, where
    // `readDirectory` would also write a warning with a stack into the extension host's log.
    await vscode.workspace.fs.stat(folder);
    return (await vscode.workspace.fs.readDirectory(folder)).filter(([, type]) => type === vscode.FileType.File).map(([name]) => name);
  } catch {
    return [];
  }
}

export async function readResultFile(uri: vscode.Uri): Promise<RunResult> {
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  const parsed = parseResultJson(text);
  if (!parsed.ok) throw new UserFacingError(`${vscode.workspace.asRelativePath(uri)} is not a Loadlens result: ${parsed.message}`);
  return parsed.result;
}
