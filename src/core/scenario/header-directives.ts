// Scenario (header) directives: what each one sets, and the diagnostics of its arguments.
import type { DataBinding, Directive, Range, Stage, Template, ThinkTime, Threshold } from './model';
import { argWords, useTemplate, type ParseContext } from './context';
import { parseDuration, parseInteger, parseRate, DURATION_HELP } from './durations';
import { readCount, readDuration, readPerSecond, readRate, readThink, readThreshold } from './directive-values';
import { durationOverLimit, MAX_RATE, MAX_SPAWN_RATE, MAX_USERS, overLimit } from './limits';
import { diagnostic, quote } from './ranges';
import { applySessionDirective, ignoreArgument } from './request-directives';

/** A stage as written, with its kind, kept until all stages are known. */
export interface WrittenStage {
  stage: Stage;
  kind: 'users' | 'rate';
  targetRange: Range;
}

/** Load-model directives as written; `load-model.ts` turns them into one LoadModel. */
export interface LoadDirectives {
  users?: { value: number; directive: Directive };
  rate?: { value: number; directive: Directive };
  spawnRate?: { value: number; directive: Directive };
  runTime?: { value: number; directive: Directive };
  maxUsers?: { value: number; directive: Directive };
  stages: WrittenStage[];
  /** Every @stage line, also those whose arguments were wrong (they still choose the model). */
  stageDirectives: Directive[];
}

export interface HeaderSettings {
  host?: Template;
  think?: ThinkTime;
  timeoutMs?: number;
  stopTimeoutMs?: number;
  seed?: number;
  noRedirect?: boolean;
  noCookieJar?: boolean;
  http1?: boolean;
  data: DataBinding[];
  thresholds: Threshold[];
  load: LoadDirectives;
}

export function emptyHeaderSettings(): HeaderSettings {
  return { data: [], thresholds: [], load: { stages: [], stageDirectives: [] } };
}

const ABSOLUTE_OR_TEMPLATE = /^(?:https?:\/\/|\{\{)/i;
const BINDING_NAME = /^[A-Za-z_][\w-]*$/;

function readHost(ctx: ParseContext, directive: Directive): Template | undefined {
  if (!ABSOLUTE_OR_TEMPLATE.test(directive.args)) {
    const message = directive.args === ''
      ? '@host needs a URL: e.g. # @host http://localhost:8888'
      : `host ${quote(directive.args)} must start with http:// or https://`;
    ctx.diagnostics.push(diagnostic(directive.argsRange, 'error', 'bad-host', message));
    return undefined;
  }
  const host = useTemplate(ctx, directive.args, directive.argsRange.start.line, directive.argsRange.start.character);
  // The host is resolved once per run, before any user or data row exists.
  for (const part of host.parts) {
    if (part.kind === 'text') continue;
    const perRun = part.kind === 'variable' || (part.kind === 'system' && (part.fn === 'processEnv' || part.fn === 'dotenv'));
    if (!perRun) {
      const message = '@host may use file variables, $processEnv and $dotenv only: data rows, responses and random values change per request';
      ctx.diagnostics.push(diagnostic(part.range, 'error', 'bad-host', message));
    }
  }
  return host;
}

function readStage(ctx: ParseContext, directive: Directive): WrittenStage | undefined {
  const words = argWords(directive);
  const [duration, target] = words;
  if (!duration || !target || words.length > 2) {
    const message = `@stage takes a duration and a target, e.g. # @stage 5m 100 (users) or # @stage 1m 50/s (rate), not ${quote(directive.args)}`;
    ctx.diagnostics.push(diagnostic(directive.argsRange, 'error', 'bad-stage', message));
    return undefined;
  }
  const durationMs = parseDuration(duration.text);
  if (durationMs === undefined) {
    ctx.diagnostics.push(diagnostic(duration.range, 'error', 'bad-duration', `${quote(duration.text)} is not a duration: ${DURATION_HELP}`));
    return undefined;
  }
  const rate = parseRate(target.text);
  const users = rate === undefined ? parseInteger(target.text) : undefined;
  if (rate === undefined && users === undefined) {
    const message = `stage target ${quote(target.text)} must be a whole number of users (100) or a rate (100/s)`;
    ctx.diagnostics.push(diagnostic(target.range, 'error', 'bad-number', message));
    return undefined;
  }
  const kind = rate === undefined ? 'users' : 'rate';
  const beyond = durationOverLimit('a stage', durationMs) ?? (rate === undefined ? overLimit('a stage\'s users', users ?? 0, MAX_USERS) : overLimit('a stage\'s rate', rate, MAX_RATE, '/s'));
  if (beyond !== undefined) {
    ctx.diagnostics.push(diagnostic(directive.argsRange, 'error', 'over-limit', `${beyond}, not ${quote(directive.args)}`));
    return undefined;
  }
  return { stage: { durationMs, target: rate ?? users ?? 0, range: directive.range }, kind, targetRange: target.range };
}

function baseName(file: string): string {
  const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  const name = file.slice(slash + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** `FILE [as NAME] [random]`, the two options in either order; or what is wrong with it. */
function readDataArgs(directive: Directive, taken: DataBinding[]): DataBinding | { message: string; range: Range } {
  const [file, ...options] = argWords(directive);
  if (!file) return { message: '@data needs a CSV file: e.g. # @data patients.csv as patient', range: directive.argsRange };
  let name: string | undefined;
  let random = false;
  for (let word = options.shift(); word; word = options.shift()) {
    if (word.text === 'random' && !random) random = true;
    else if (word.text === 'as' && name === undefined && options.length > 0) name = options.shift()?.text;
    else return { message: `unexpected ${quote(word.text)}: write # @data FILE.csv [as NAME] [random]`, range: word.range };
  }
  const bindingName = name ?? baseName(file.text);
  if (!BINDING_NAME.test(bindingName)) {
    return { message: `${quote(bindingName)} cannot be used in {{${bindingName}.column}}: add 'as NAME' with letters, digits, _ or -`, range: directive.argsRange };
  }
  if (taken.some((binding) => binding.name === bindingName)) {
    return { message: `a data file is already bound as ${quote(bindingName)}: give this one another name with 'as NAME'`, range: directive.argsRange };
  }
  return { file: file.text, name: bindingName, random, range: directive.range };
}

function readData(ctx: ParseContext, directive: Directive, settings: HeaderSettings): void {
  const read = readDataArgs(directive, settings.data);
  if ('message' in read) ctx.diagnostics.push(diagnostic(read.range, 'error', 'bad-data', read.message));
  else settings.data.push(read);
}

/** Applies one admitted header directive to the settings. */
export function applyHeaderDirective(ctx: ParseContext, directive: Directive, settings: HeaderSettings): void {
  const load = settings.load;
  const keep = (value: number | undefined): { value: number; directive: Directive } | undefined =>
    value === undefined ? undefined : { value, directive };
  switch (directive.name) {
    case 'host':
      settings.host = readHost(ctx, directive) ?? settings.host;
      return;
    case 'users':
      load.users = keep(readCount(ctx, directive, 1, MAX_USERS)) ?? load.users ?? { value: 0, directive };
      return;
    case 'spawn-rate':
      load.spawnRate = keep(readPerSecond(ctx, directive, MAX_SPAWN_RATE)) ?? load.spawnRate;
      return;
    case 'run-time':
      load.runTime = keep(readDuration(ctx, directive, false)) ?? load.runTime;
      return;
    case 'rate':
      load.rate = keep(readRate(ctx, directive)) ?? load.rate ?? { value: 0, directive };
      return;
    case 'max-users':
      load.maxUsers = keep(readCount(ctx, directive, 1, MAX_USERS)) ?? load.maxUsers;
      return;
    case 'stage': {
      load.stageDirectives.push(directive);
      const stage = readStage(ctx, directive);
      if (stage) load.stages.push(stage);
      return;
    }
    case 'think':
      settings.think = readThink(ctx, directive) ?? settings.think;
      return;
    case 'timeout':
      settings.timeoutMs = readDuration(ctx, directive, false) ?? settings.timeoutMs;
      return;
    case 'stop-timeout':
      settings.stopTimeoutMs = readDuration(ctx, directive, true) ?? settings.stopTimeoutMs;
      return;
    case 'data':
      readData(ctx, directive, settings);
      return;
    case 'threshold': {
      const rule = readThreshold(ctx, directive, 'header');
      if (rule) settings.thresholds.push(rule);
      return;
    }
    case 'seed':
      settings.seed = readCount(ctx, directive, 0) ?? settings.seed;
      return;
    case 'no-redirect':
    case 'no-cookie-jar':
      applySessionDirective(ctx, directive, settings);
      return;
    case 'http1':
      ignoreArgument(ctx, directive);
      settings.http1 = true;
      return;
  }
}
