// The plan in words, as a code lens and the CLI's first line show it.

import type { ResolvedLoadModel } from '../metrics/result';
import { plannedDurationMs } from './timeline';

/** 90000 -> `1m30s`, 600000 -> `10m`, 250 -> `250ms`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  let seconds = Math.round(ms / 1000);
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  return `${hours ? `${hours}h` : ''}${minutes ? `${minutes}m` : ''}${seconds ? `${seconds}s` : ''}`;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(2)));
}

/**
 * `50 users · spawn 5/s · 2m`, `3 stages: 0→100→100→0 users · 10m`, `100/s · 1m`, with
 * `until stopped` for an open-ended run and `· N tasks` when the file has more than one.
 */
export function describePlan(model: ResolvedLoadModel, taskCount: number): string {
  const parts: string[] = [];
  switch (model.kind) {
    case 'users':
      parts.push(`${model.users} ${model.users === 1 ? 'user' : 'users'}`);
      if (model.spawnRate) parts.push(`spawn ${formatNumber(model.spawnRate)}/s`);
      break;
    case 'rate':
      parts.push(`${formatNumber(model.rate)}/s`);
      break;
    case 'stages': {
      const targets = [0, ...model.stages.map((stage) => stage.target)].map(formatNumber).join('→');
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
