// The plan in words, as a code lens and the CLI's first line show it.

import type { ResolvedLoadModel } from '../metrics/result';
import { plannedDurationMs } from '../schedule/timeline';
import { countOf, formatRate } from './numbers';
import { formatDuration } from './time';

/**
 * `50 users · spawn 5/s · 2m`, `3 stages: 0→100→100→0 users · 10m`, `100/s · 1m`, with
 * `until stopped` for an open-ended run and `· N tasks` when the file has more than one.
 */
export function describePlan(model: ResolvedLoadModel, taskCount: number): string {
  const parts: string[] = [];
  switch (model.kind) {
    case 'users':
      parts.push(countOf(model.users, 'user'));
      if (model.spawnRate) parts.push(`spawn ${formatRate(model.spawnRate)}/s`);
      break;
    case 'rate':
      parts.push(`${formatRate(model.rate)}/s`);
      break;
    case 'stages': {
      const targets = [0, ...model.stages.map((stage) => stage.target)].map(formatRate).join('→');
      const count = model.stages.length;
      parts.push(`${count} ${count === 1 ? 'stage' : 'stages'}: ${targets}${model.target === 'users' ? ' users' : '/s'}`);
      break;
    }
  }
  const duration = plannedDurationMs(model);
  parts.push(duration === undefined ? 'until stopped' : formatDuration(duration));
  if (taskCount > 1) parts.push(`${taskCount} tasks`);
  return parts.join(' · ');
}
