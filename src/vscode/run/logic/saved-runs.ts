// Which saved run stands for what the editor showed before a reload: the newest saved run of a
// scenario file (its threshold problems), or the run the results panel showed last. Only file
// names are looked at here: a history of hundreds of runs is never read to find one.
import type { RunResult } from '../../../core/metrics/result';
import { listHistory, scenarioSlug, type HistoryEntry } from './history';

/**
 * A saved run's file is named after the scenario's file name, so two files of the same name in
 * different folders share a slug: a few of the newest are read to find the one that ran this
 * path; beyond that the file's runs are someone else's.
 */
export const MAX_RUNS_READ_PER_FILE = 5;

/** The saved runs that may be this scenario file's, newest first, at most MAX_RUNS_READ_PER_FILE. */
export function newestRunsOf(fileNames: readonly string[], scenarioFileName: string): HistoryEntry[] {
  const slug = scenarioSlug(scenarioFileName);
  return listHistory(fileNames)
    .filter((entry) => entry.scenario === slug)
    .slice(0, MAX_RUNS_READ_PER_FILE);
}

/**
 * True when `result` ran this very text of this file: the engine's sha256 of the scenario text
 * equals the document's, so the run's verdicts point at the lines the document has now. An
 * edited file (the hash differs) has no text of the run to compare its lines with: nothing is
 * restored, as the next run publishes its own.
 */
export function ranThisText(result: RunResult, scenarioPath: string, textSha256: string): boolean {
  return result.scenario.path === scenarioPath && result.scenario.hash === textSha256;
}

/** The saved run file of the run that started at `startTime` from that scenario file, if it is in the list. */
export function savedRunFile(fileNames: readonly string[], startTime: number, scenarioFileName: string): string | undefined {
  const slug = scenarioSlug(scenarioFileName);
  return listHistory(fileNames).find((entry) => entry.startTime === startTime && entry.scenario === slug)?.fileName;
}
