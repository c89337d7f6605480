// How a `??` check's counts read, in the CLI summary and (later) on the check's own line in the
// editor: `failed 12 of 3,400 times: got 503 (9), got 500 (3)`.
import type { CheckStats } from '../metrics/check-counts';
import { formatCount } from './numbers';

/** Reasons shown after the counts; the rest are summed as `...`. */
const SHOWN_REASONS = 3;

export function describeCheckOutcome(stats: Pick<CheckStats, 'evaluated' | 'failed' | 'reasons'>): string {
  if (stats.evaluated === 0) return 'not run (no response reached it)';
  if (stats.failed === 0) return `passed all ${formatCount(stats.evaluated)} times`;
  const top = stats.reasons.slice(0, SHOWN_REASONS).map((entry) => `${entry.reason} (${formatCount(entry.count)})`);
  const rest = stats.reasons.slice(SHOWN_REASONS).reduce((sum, entry) => sum + entry.count, 0);
  if (rest > 0) top.push(`other (${formatCount(rest)})`);
  return `failed ${formatCount(stats.failed)} of ${formatCount(stats.evaluated)} times: ${top.join(', ')}`;
}
