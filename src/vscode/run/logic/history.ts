// Run history: one JSON result per run under `.loadlens/runs/`, named so that sorting by name is
// sorting by time, capped at `loadlens.runHistory.maxRuns` per scenario (the oldest go first).

export const HISTORY_FOLDER = '.loadlens/runs';

const NAME_SHAPE = /^(\d{8}T\d{6}(?:\d{3})?Z)-(.+)\.json$/;

/** `hospital.load.http` -> `hospital`; anything unsafe in a file name becomes `-`. */
export function scenarioSlug(scenarioFileName: string): string {
  const fileName = scenarioFileName.split(/[\\/]/).pop() ?? '';
  const base = fileName.replace(/\.load\.http$/i, '').replace(/\.[^.]*$/, '');
  const slug = base.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return slug === '' ? 'scenario' : slug.slice(0, 80);
}

/** `20261126T174503123Z-hospital.json` for a run that started at that instant (UTC). */
export function historyFileName(startTime: number, scenarioFileName: string): string {
  const stamp = new Date(startTime).toISOString().replace(/[-:]/g, '').replace('.', '');
  return `${stamp}-${scenarioSlug(scenarioFileName)}.json`;
}

export interface HistoryEntry {
  fileName: string;
  startTime: number;
  scenario: string;
}

export function parseHistoryFileName(fileName: string): HistoryEntry | undefined {
  const match = NAME_SHAPE.exec(fileName);
  if (!match) return undefined;
  const stamp = match[1] ?? '';
  const iso = `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}.${stamp.length > 16 ? stamp.slice(15, 18) : '000'}Z`;
  const startTime = Date.parse(iso);
  if (Number.isNaN(startTime)) return undefined;
  return { fileName, startTime, scenario: match[2] ?? '' };
}

/** History files, newest first; other files in the folder are not ours and are left out. */
export function listHistory(fileNames: readonly string[]): HistoryEntry[] {
  return fileNames
    .map(parseHistoryFileName)
    .filter((entry): entry is HistoryEntry => entry !== undefined)
    .sort((a, b) => b.startTime - a.startTime || b.fileName.localeCompare(a.fileName));
}

/**
 * The history files of one scenario to delete so that its `maxRuns` newest remain (the setting
 * counts runs per scenario); other scenarios' runs and files that are not ours are never touched.
 */
export function filesToPrune(fileNames: readonly string[], maxRuns: number, scenario: string): string[] {
  const entries = listHistory(fileNames).filter((entry) => entry.scenario === scenario);
  return entries.slice(Math.max(0, maxRuns)).map((entry) => entry.fileName);
}
