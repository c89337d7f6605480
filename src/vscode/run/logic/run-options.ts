// "Run Load Test with Options…": the fields of Locust's start form (users, spawn rate, run time,
// host), prefilled from the file, each checked as it is typed, and turned into RunOptions.
import type { RunOptions } from '../../../core/protocol/engine';
import { parseDuration, type Scenario } from '../../../core/scenario';
import { formatDuration } from '../../../core/present';

export interface OptionsForm {
  /** `users` for a closed model; `rate` when the file uses arrivals (`@rate`, rate stages). */
  loadKind: 'users' | 'rate';
  load: string;
  spawnRate: string;
  runTime: string;
  host: string;
}

/** The form as the file (and the `loadlens.host` setting) fill it. */
export function prefillOptions(scenario: Scenario, defaultHost: string): OptionsForm {
  const load = scenario.load;
  const host = scenario.host?.raw ?? defaultHost;
  switch (load?.kind) {
    case 'rate':
      return { loadKind: 'rate', load: String(load.rate), spawnRate: '', runTime: load.runTimeMs ? formatDuration(load.runTimeMs) : '', host };
    case 'stages': {
      const peak = Math.max(0, ...load.stages.map((stage) => stage.target));
      const total = load.stages.reduce((sum, stage) => sum + stage.durationMs, 0);
      return { loadKind: load.target === 'rate' ? 'rate' : 'users', load: String(peak), spawnRate: '', runTime: formatDuration(total), host };
    }
    case 'users':
      return {
        loadKind: 'users',
        load: String(load.users),
        spawnRate: load.spawnRate !== undefined ? String(load.spawnRate) : '',
        runTime: load.runTimeMs ? formatDuration(load.runTimeMs) : '',
        host,
      };
    default:
      return { loadKind: 'users', load: '', spawnRate: '', runTime: '', host };
  }
}

/** Each validator returns the problem in words, or undefined when the value is fine. */
export function checkUsers(text: string): string | undefined {
  const value = Number(text.trim());
  return /^\d+$/.test(text.trim()) && value >= 1 ? undefined : 'Enter a whole number of users, 1 or more (Locust: -u).';
}

export function checkRate(text: string): string | undefined {
  const value = Number(text.trim().replace(/\/s$/, ''));
  return text.trim() !== '' && Number.isFinite(value) && value > 0 ? undefined : 'Enter task iterations per second above 0, e.g. 100 or 2.5.';
}

export function checkSpawnRate(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  const value = Number(text.trim());
  return Number.isFinite(value) && value > 0 ? undefined : 'Enter users started per second above 0 (Locust: -r), or leave empty to start all at once.';
}

export function checkRunTime(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  const ms = parseDuration(text);
  return ms !== undefined && ms > 0 ? undefined : 'Enter a duration such as 30s, 2m or 1h30m (Locust: -t), or leave empty to run until stopped.';
}

export function checkHost(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  try {
    const url = new URL(text.trim());
    if (url.protocol === 'http:' || url.protocol === 'https:') return undefined;
  } catch {
    // reported below
  }
  return 'Enter a base URL such as http://localhost:8888, or leave empty to use the file’s # @host.';
}

/** The form as RunOptions: only what the user filled in overrides the file. */
export function optionsFromForm(form: OptionsForm, scenario: Scenario): RunOptions {
  const options: RunOptions = {};
  const prefilled = prefillOptions(scenario, '');
  const load = form.load.trim();
  // A stage shape is kept unless the user changed its peak: the form shows the peak for reference.
  const keepsStages = scenario.load?.kind === 'stages' && load === prefilled.load;
  if (!keepsStages && load !== '') {
    if (form.loadKind === 'rate') options.rate = Number(load.replace(/\/s$/, ''));
    else options.users = Number(load);
  }
  if (form.spawnRate.trim() !== '' && form.loadKind === 'users' && !keepsStages) options.spawnRate = Number(form.spawnRate.trim());
  const runTime = form.runTime.trim();
  if (runTime !== '' && !(keepsStages && runTime === prefilled.runTime)) options.runTimeMs = parseDuration(runTime);
  if (form.host.trim() !== '') options.host = form.host.trim();
  return options;
}
