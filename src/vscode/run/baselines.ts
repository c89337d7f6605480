// Each scenario's baseline: a result kept as `.loadlens/baselines/<scenario path>.json` in the
// scenario's workspace folder (src/vscode/run/logic/baselines.ts), written as `loadlens run --json`
// writes a result, so that `loadlens run SCENARIO --baseline THAT_FILE` reads the same file.
import * as vscode from 'vscode';
import type { RunResult } from '../../core/metrics/result';
import { resultJson } from '../../core/report';
import { UserFacingError } from '../shared/command';
import { baselineSegments } from './logic/baselines';
import { readResultFile } from './run-history';

export class Baselines {
  /** The baseline file of the scenario at `scenario`; undefined outside a workspace folder. */
  fileOf(scenario: vscode.Uri): vscode.Uri | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(scenario);
    if (!folder) return undefined;
    const prefix = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
    if (!scenario.path.startsWith(prefix)) return undefined;
    const segments = baselineSegments(scenario.path.slice(prefix.length));
    return segments ? vscode.Uri.joinPath(folder.uri, ...segments) : undefined;
  }

  /** The scenario's baseline, or undefined when none is set; a file that is not a result is an error that says so. */
  async read(scenario: vscode.Uri): Promise<{ result: RunResult; file: vscode.Uri } | undefined> {
    const file = this.fileOf(scenario);
    if (!file) return undefined;
    try {
      await vscode.workspace.fs.stat(file);
    } catch {
      return undefined;
    }
    return { result: await readResultFile(file), file };
  }

  /** Keeps `result` as the baseline of the scenario it ran; returns the file. */
  async set(result: RunResult): Promise<vscode.Uri> {
    // An imported Locust run has no scenario (and no hash): there is nothing to run against it.
    if (result.scenario.hash === '' || !/\.http$/i.test(result.scenario.path)) {
      throw new UserFacingError('Only a run of a scenario can be a baseline: this one was imported from Locust CSV. Run the scenario, then set that run as the baseline.');
    }
    const scenario = vscode.Uri.file(result.scenario.path);
    const file = this.fileOf(scenario);
    if (!file) throw new UserFacingError(`${result.scenario.path} is not inside an open workspace folder, so its baseline has nowhere to go: open the folder that holds it.`);
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(file, '..'));
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(resultJson(result)));
    return file;
  }
}
