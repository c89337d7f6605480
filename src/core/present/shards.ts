// How a shard missing from a joined run reads as a line (`loadlens coordinate`, `loadlens merge`):
// the same words in the CLI summary and the Markdown summary (docs/scale-out.md). The HTML report
// shows the same figures as a table (src/core/report/html/shards.ts), its seconds read as here.
import type { MissingShard } from '../metrics/result';
import { formatSeconds } from './time';
import { escapeControls } from './untrusted-text';

/** `shard 2/4 from second 43 to 60 (18 s missing): pod-b: no numbers for 5 s`. */
export function describeMissingShard(gap: MissingShard, count: number): string {
  const span =
    gap.toSecond === undefined || gap.seconds === undefined
      ? `from second ${gap.fromSecond} on`
      : gap.seconds === 0
        ? `from second ${gap.fromSecond}, after the run's last second ${gap.toSecond} (0 s missing)`
        : `from second ${gap.fromSecond} to ${gap.toSecond} (${formatSeconds(gap.seconds)} missing)`;
  return `shard ${gap.shard}/${count} ${span}: ${escapeControls(gap.reason)}`;
}
