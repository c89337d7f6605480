// `abort` rules stop a run once broken for a while: one bad second is noise, ten in a row is not.
import type { ThresholdVerdict } from '../metrics/result';

export const DEFAULT_ABORT_HOLD_MS = 10_000;

export interface AbortTracker {
  /** Feed the verdicts of each second; returns the `abort` verdict that has been broken for `holdMs` in a row. */
  update(verdicts: ThresholdVerdict[], elapsedMs: number): ThresholdVerdict | undefined;
}

export function createAbortTracker(holdMs: number = DEFAULT_ABORT_HOLD_MS): AbortTracker {
  /** When each (rule, target) started failing; dropped as soon as it passes or has no verdict. */
  const brokenSince = new Map<string, number>();
  return {
    update(verdicts, elapsedMs) {
      const stillBroken = new Set<string>();
      let longest: { verdict: ThresholdVerdict; since: number } | undefined;
      for (const verdict of verdicts) {
        if (!verdict.abort || verdict.passed) continue;
        const key = `${verdict.ruleLine ?? ''}\u0000${verdict.rule}\u0000${verdict.target}`;
        stillBroken.add(key);
        const since = brokenSince.get(key) ?? elapsedMs;
        brokenSince.set(key, since);
        if (elapsedMs - since >= holdMs && (!longest || since < longest.since)) longest = { verdict, since };
      }
      for (const key of [...brokenSince.keys()]) if (!stillBroken.has(key)) brokenSince.delete(key);
      return longest?.verdict;
    },
  };
}
