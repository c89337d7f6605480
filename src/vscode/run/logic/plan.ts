// The plan a run would follow, in words, for the run lens and the panel's heading.
import type { RunOptions } from '../../../core/protocol/engine';
import type { Scenario } from '../../../core/scenario';
import { describePlan } from '../../../core/present';
import { resolveLoadModel } from '../../../core/schedule';

export function planFor(scenario: Scenario, options: RunOptions): { text: string } | { error: string } {
  if (scenario.requests.length === 0) return { error: 'no requests yet' };
  if (!scenario.load && options.users === undefined && options.rate === undefined) return { error: 'add # @users N, or run with options' };
  const model = resolveLoadModel(scenario, options);
  if ('error' in model) return { error: model.error };
  return { text: describePlan(model, scenario.tasks.length) };
}
