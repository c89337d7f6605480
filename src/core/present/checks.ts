// How a `??` check's counts read, in the CLI summary and (later) on the check's own line in the
// editor: `failed 12 of 3,400 times: got 503 (9), got 500 (3)`.
import type { CheckStats } from '../metrics/check-counts';
import { formatCount } from './numbers';
import { escapeControls } from './untrusted-text';

/** Reasons shown after the counts; the rest are summed as `...`. */
const SHOWN_REASONS = 3;
/**
 * A reason holds a value the server wrote (`got "…"`, cut to 40 characters by the engine); a
 * result read from a file may hold anything, so the view cuts and escapes it again.
 */
const REASON_LIMIT = 80;

function shownReason(reason: string): string {
  const trimmed = reason.trim();
  return escapeControls(trimmed.length > REASON_LIMIT ? `${trimmed.slice(0, REASON_LIMIT - 1)}…` : trimmed);
}

export function describeCheckOutcome(stats: Pick<CheckStats, 'evaluated' | 'failed' | 'reasons'>): string {
  if (stats.evaluated === 0) return 'not run (no response reached it)';
  if (stats.failed === 0) return `passed all ${formatCount(stats.evaluated)} times`;
  const top = stats.reasons.slice(0, SHOWN_REASONS).map((entry) => `${shownReason(entry.reason)} (${formatCount(entry.count)})`);
  const rest = stats.reasons.slice(SHOWN_REASONS).reduce((sum, entry) => sum + entry.count, 0);
  if (rest > 0) top.push(`other (${formatCount(rest)})`);
  return `failed ${formatCount(stats.failed)} of ${formatCount(stats.evaluated)} times: ${top.join(', ')}`;
}
