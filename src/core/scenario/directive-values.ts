// Reading one directive argument as a duration, count, rate, think time or threshold,
// reporting a diagnostic on the argument when it does not fit.
import type { Directive, ThinkTime, Threshold } from './model';
import type { ParseContext } from './context';
import { DURATION_HELP, parseDuration, parseInteger, parseNumber, parseRate, parseThink } from './durations';
import { durationOverLimit, MAX_RATE, overLimit } from './limits';
import { diagnostic, quote, replaceFix } from './ranges';
import { parseThresholdRule } from './thresholds';

function shown(args: string): string {
  return args === '' ? 'nothing' : `${quote(args)}`;
}

/** A value beyond Loadlens's limits (src/core/scenario/limits.ts): an error on the argument. */
function beyondLimit(ctx: ParseContext, directive: Directive, problem: string | undefined): boolean {
  if (problem === undefined) return false;
  ctx.diagnostics.push(diagnostic(directive.argsRange, 'error', 'over-limit', `${problem}, not ${shown(directive.args)}`));
  return true;
}

export function readDuration(ctx: ParseContext, directive: Directive, allowZero: boolean): number | undefined {
  const ms = parseDuration(directive.args);
  if (ms !== undefined && (allowZero || ms > 0)) return beyondLimit(ctx, directive, durationOverLimit(`@${directive.name}`, ms)) ? undefined : ms;
  const message = ms === 0 ? `@${directive.name} must be longer than 0` : `@${directive.name} takes a duration, not ${shown(directive.args)}: ${DURATION_HELP}`;
  ctx.diagnostics.push(diagnostic(directive.argsRange, 'error', 'bad-duration', message));
  return undefined;
}

/** A whole number >= `min` (and <= `max`, one of the limits). */
export function readCount(ctx: ParseContext, directive: Directive, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const value = parseInteger(directive.args);
  if (value !== undefined && value >= min) return beyondLimit(ctx, directive, overLimit(`@${directive.name}`, value, max)) ? undefined : value;
  const message = `@${directive.name} takes a whole number of at least ${min}, not ${shown(directive.args)}`;
  ctx.diagnostics.push(diagnostic(directive.argsRange, 'error', 'bad-number', message));
  return undefined;
}

/** A positive number up to `max`, with an optional `/s` (`@spawn-rate 5` and `@spawn-rate 5/s` alike). */
export function readPerSecond(ctx: ParseContext, directive: Directive, max: number): number | undefined {
  const value = parseNumber(directive.args) ?? parseRate(directive.args);
  if (value !== undefined && value > 0) return beyondLimit(ctx, directive, overLimit(`@${directive.name}`, value, max, '/s')) ? undefined : value;
  const message = `@${directive.name} takes a number per second greater than 0, not ${shown(directive.args)}: e.g. # @${directive.name} 5`;
  ctx.diagnostics.push(diagnostic(directive.argsRange, 'error', 'bad-number', message));
  return undefined;
}

export function readRate(ctx: ParseContext, directive: Directive): number | undefined {
  const value = parseRate(directive.args);
  if (value !== undefined && value > 0) return beyondLimit(ctx, directive, overLimit('@rate', value, MAX_RATE, '/s')) ? undefined : value;
  const bare = parseNumber(directive.args);
  const fixes = bare !== undefined && bare > 0 ? [replaceFix(`Change to ${directive.args}/s`, directive.argsRange, `${directive.args}/s`)] : undefined;
  const message = `@rate takes arrivals per second as R/s greater than 0, not ${shown(directive.args)}: e.g. # @rate 100/s`;
  ctx.diagnostics.push(diagnostic(directive.argsRange, 'error', 'bad-rate', message, fixes));
  return undefined;
}

export function readThink(ctx: ParseContext, directive: Directive): ThinkTime | undefined {
  const think = parseThink(directive.args);
  if (!('error' in think)) return beyondLimit(ctx, directive, durationOverLimit('@think', think.maxMs)) ? undefined : think;
  const message = `@think takes A..B or one duration (e.g. 1s..3s): ${think.error}`;
  ctx.diagnostics.push(diagnostic(directive.argsRange, 'error', 'bad-duration', message));
  return undefined;
}

export function readThreshold(ctx: ParseContext, directive: Directive, scope: 'header' | number): Threshold | undefined {
  const parsed = parseThresholdRule(directive.args);
  if (parsed.ok) return { ...parsed.rule, range: directive.range, scope };
  ctx.diagnostics.push(diagnostic(directive.argsRange, 'error', 'bad-threshold', parsed.message));
  return undefined;
}
