// The run's host: the option (`--host`, the run options in VS Code), else `# @host`, else the
// default (the extension's loadlens.host setting). Each may use templates; all render alike.
import type { RunOptions } from '../protocol/engine';
import { parseTemplate, type Scenario, type Template } from '../scenario';
import { createRandom } from '../schedule/random';
import type { PreparedTemplate } from './templates';

/** An option that is empty or blank is not given: the run options form says "empty: the file's # @host". */
function given(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}

/** The host as written, from the first place that gives one; undefined when none does. */
export function hostTemplate(scenario: Scenario, options: Pick<RunOptions, 'host' | 'defaultHost'>): Template | undefined {
  const option = given(options.host);
  if (option !== undefined) return parseTemplate(option);
  if (scenario.host) return scenario.host;
  const fallback = given(options.defaultHost);
  return fallback !== undefined ? parseTemplate(fallback.trim()) : undefined;
}

/**
 * The base URL relative request URLs go after, rendered once with the run's seed (a random part
 * then repeats with `@seed`), without trailing slashes; undefined when there is none or it
 * renders empty.
 */
export function renderHost(template: PreparedTemplate | undefined, seed: number): string | undefined {
  if (!template) return undefined;
  const host = template.render({ random: createRandom(seed), rows: [], responses: [] }).trim();
  return host === '' ? undefined : host.replace(/\/+$/, '');
}
