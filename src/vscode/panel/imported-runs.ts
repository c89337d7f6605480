// The host's copy of the Locust runs imported into the results panel, so that after a reload the
// panel's import still exports in full (the webview keeps only what it draws). Saved as result
// JSON in the extension's storage folder, named like run history (startTime + import name), the
// newest MAX_IMPORTED_RUNS kept. The folder access is passed in: VS Code's file system in the
// extension, node:fs in the tests.
import type { RunResult } from '../../core/metrics/result';
import { parseResultJson, resultJson } from '../../core/report';
import { historyFileName, listHistory } from '../run/logic/history';
import { savedRunFile } from '../run/logic/saved-runs';

export const MAX_IMPORTED_RUNS = 5;

export interface RunFolder {
  /** The JSON files in the folder; none when it does not exist yet. */
  fileNames(): Promise<string[]>;
  read(fileName: string): Promise<string>;
  /** Writes the file, making the folder when needed. */
  write(fileName: string, text: string): Promise<void>;
  delete(fileName: string): Promise<void>;
}

export class ImportedRuns {
  constructor(private readonly folder: RunFolder) {}

  /** Keeps a copy of an imported run under its import name, dropping the oldest beyond MAX_IMPORTED_RUNS. */
  async keep(result: RunResult, name: string): Promise<void> {
    await this.folder.write(historyFileName(result.startTime, name), resultJson(result));
    const newestFirst = listHistory(await this.folder.fileNames());
    for (const entry of newestFirst.slice(MAX_IMPORTED_RUNS)) await this.folder.delete(entry.fileName);
  }

  /** The imported run that started at `startTime` under that import name, if a copy is kept. */
  async find(startTime: number, name: string): Promise<RunResult | undefined> {
    const fileName = savedRunFile(await this.folder.fileNames(), startTime, name);
    if (!fileName) return undefined;
    const parsed = parseResultJson(await this.folder.read(fileName));
    return parsed.ok && parsed.result.startTime === startTime ? parsed.result : undefined;
  }
}
