// When the status bar item shows and what it says, as a function of what the window holds.
import type { IntervalSnapshot, ResolvedLoadModel, RunResult } from '../../../core/metrics/result';
import { finishedStatusText, finishedStatusTooltip, liveStatusText } from './lens-text';

export type StatusSource =
  | { kind: 'idle'; scenarioOpen: boolean }
  | { kind: 'starting' }
  | { kind: 'running'; snapshot: IntervalSnapshot | undefined; load: ResolvedLoadModel | undefined }
  | { kind: 'finished'; result: RunResult }
  | { kind: 'failed'; message: string };

export interface StatusView {
  text: string;
  tooltip: string;
  /** The command a click runs. */
  command: 'run' | 'showResults';
  /** `error` and `warning` colour the item as VS Code's own status items do. */
  tone: 'normal' | 'warning' | 'error';
}

/** What the item shows, or undefined when it is hidden (no scenario open and nothing ran). */
export function statusView(source: StatusSource): StatusView | undefined {
  switch (source.kind) {
    case 'idle':
      return source.scenarioOpen
        ? { text: '$(play) Run load test', tooltip: 'Run the load test of this scenario (Loadlens)', command: 'run', tone: 'normal' }
        : undefined;
    case 'starting':
      return { text: '$(loading~spin) Starting load test…', tooltip: 'Starting the load engine. Click to show the results panel.', command: 'showResults', tone: 'normal' };
    case 'running':
      return {
        text: source.snapshot ? liveStatusText(source.snapshot, source.load) : '$(pulse) starting…',
        tooltip: 'Load test running. Click to show the results panel; “Loadlens: Stop Load Test” stops it.',
        command: 'showResults',
        tone: 'normal',
      };
    case 'finished': {
      const broken = source.result.thresholds.filter((verdict) => !verdict.passed);
      const tone = broken.some((verdict) => verdict.severity === 'error') ? 'error' : broken.length > 0 ? 'warning' : 'normal';
      return { text: finishedStatusText(source.result), tooltip: finishedStatusTooltip(source.result), command: 'showResults', tone };
    }
    case 'failed':
      return { text: '$(error) Load test failed', tooltip: `${source.message} Click to show the results panel.`, command: 'showResults', tone: 'error' };
  }
}
