// A joined run's shards (`loadlens coordinate`, `loadlens merge`): how many made it, and each one
// missing with the seconds of the run it lacks, so a reader knows the numbers are not the whole load.
import type { RunResult } from '../../metrics/result';
import { formatCount, formatSeconds } from '../../present';
import { escapeHtml } from './escape';

export function shardsSection(result: RunResult): string {
  const joined = result.joined;
  if (!joined) return '';
  const { shards, missing } = joined;
  if (missing.length === 0) return `<section><h2>Shards</h2><p class="muted">All ${formatCount(shards)} shards' numbers are in every second of this run.</p></section>`;
  const cell = (value: string, text = false) => `<td${text ? ' class="text"' : ''}>${escapeHtml(value)}</td>`;
  const rows = missing.map(
    (gap) =>
      `<tr>${cell(`${gap.shard}/${shards}`, true)}${cell(String(gap.fromSecond))}${cell(gap.toSecond === undefined ? '' : String(gap.toSecond))}` +
      `${cell(gap.seconds === undefined ? '' : formatSeconds(gap.seconds))}${cell(gap.reason, true)}</tr>`,
  );
  const head = '<tr><th class="text">Shard</th><th>From second</th><th>To second</th><th>Missing</th><th class="text">Why</th></tr>';
  const lead = `${missing.length} of ${formatCount(shards)} shards missing: these numbers lack their load for the seconds below.`;
  return (
    `<section><h2>Shards</h2><p class="warned">${escapeHtml(lead)}</p>` +
    `<div class="scroll"><table><thead>${head}</thead><tbody>${rows.join('')}</tbody></table></div></section>`
  );
}
