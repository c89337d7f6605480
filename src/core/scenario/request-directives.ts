// Request directives (inside a block, above the request line): name, task, expect and the
// per-request threshold, think time and timeout.
import type { Directive, StatusExpectation, ThinkTime, Threshold } from './model';
import type { ParseContext } from './context';
import { parseInteger } from './durations';
import { readDuration, readThink, readThreshold } from './directive-values';
import { diagnostic, quote } from './ranges';

/** `# @on-start` and `# @setup` start a sequence (src/core/scenario/tasks.ts). */
export type SequenceKind = 'on-start' | 'setup';

/**
 * `# @no-redirect` and `# @no-cookie-jar`, in the header or a block (docs/scenario-sessions.md,
 * "Sessions"). They take no argument: text after one is a warning, and the directive applies.
 */
/** A directive that takes no argument (`@no-redirect`, `@http1`): one written is ignored, with a warning on it. */
export function ignoreArgument(ctx: ParseContext, directive: Directive): void {
  if (directive.args !== '') {
    ctx.diagnostics.push(diagnostic(directive.argsRange, 'warning', 'unexpected-argument', `@${directive.name} takes no argument: ${quote(directive.args)} is ignored`));
  }
}

export function applySessionDirective(ctx: ParseContext, directive: Directive, settings: { noRedirect?: boolean; noCookieJar?: boolean }): void {
  ignoreArgument(ctx, directive);
  if (directive.name === 'no-redirect') settings.noRedirect = true;
  else settings.noCookieJar = true;
}

export interface RequestSettings {
  name?: string;
  task?: { weight: number; directive: Directive };
  sequence?: { kind: SequenceKind; directive: Directive };
  expect?: StatusExpectation;
  thresholds: Threshold[];
  think?: ThinkTime;
  timeoutMs?: number;
  noRedirect?: boolean;
  noCookieJar?: boolean;
}

const REQUEST_NAME = /^[A-Za-z_][\w-]*$/;
const STATUS_CODE = /^[1-5]\d\d$/;
const STATUS_CLASS = /^[1-5]xx$/i;

/** `status 201`, `status 200,204`, `status 2xx` -> inclusive ranges, or why not. */
export function parseExpectation(args: string): Array<[number, number]> | string {
  const match = /^status\s+(.+)$/i.exec(args);
  if (!match) return `write # @expect status CODES, e.g. status 201, status 200,204 or status 2xx; not ${quote(args)}`;
  const ranges: Array<[number, number]> = [];
  for (const piece of (match[1] ?? '').split(',')) {
    const code = piece.trim();
    if (STATUS_CODE.test(code)) ranges.push([Number(code), Number(code)]);
    else if (STATUS_CLASS.test(code)) ranges.push([Number(code[0]) * 100, Number(code[0]) * 100 + 99]);
    else return `${quote(code)} is not a status code: use a code from 100 to 599 (201) or a class (2xx), separated by commas`;
  }
  return ranges;
}

function readTaskWeight(ctx: ParseContext, directive: Directive): number | undefined {
  // A bare `# @task` is weight 1, as Locust's `@task` without an argument.
  if (directive.args === '') return 1;
  const weight = parseInteger(directive.args);
  if (weight !== undefined && weight > 0) return weight;
  const message = `task weight must be a whole number greater than 0, not ${quote(directive.args)}: e.g. # @task 3`;
  ctx.diagnostics.push(diagnostic(directive.argsRange, 'error', 'bad-weight', message));
  return undefined;
}

/**
 * A block starts at most one group: a task or one of the two sequences. The later directive of
 * two is refused (the earlier one holds), so the model stays what the first line says.
 */
function readSequence(ctx: ParseContext, directive: Directive, settings: RequestSettings): void {
  const kind = directive.name as SequenceKind;
  if (directive.args !== '') {
    const message = `@${kind} takes no value: a sequence has no weight and runs in file order; write # @${kind}`;
    ctx.diagnostics.push(diagnostic(directive.argsRange, 'error', 'bad-sequence', message));
  }
  const other = settings.sequence;
  if (other && other.kind !== kind) {
    const message = `this block already starts the @${other.kind} sequence (line ${other.directive.range.start.line + 1}): a block is in one sequence; put the @${kind} requests in their own block`;
    ctx.diagnostics.push(diagnostic(directive.nameRange, 'error', 'sequence-conflict', message));
    return;
  }
  if (settings.task) {
    const message = `@${kind} and @task on one block: a @${kind} sequence is not a task users repeat; put the @task on the first block after the sequence`;
    ctx.diagnostics.push(diagnostic(directive.nameRange, 'error', 'sequence-conflict', message));
    return;
  }
  settings.sequence = { kind, directive };
}

/** Applies one admitted request directive to the block's settings. */
export function applyRequestDirective(ctx: ParseContext, directive: Directive, index: number, settings: RequestSettings): void {
  switch (directive.name) {
    case 'name':
      // httpYac also writes `# @name=login`.
      if (REQUEST_NAME.test(directive.args.replace(/^=\s*/, ''))) settings.name = directive.args.replace(/^=\s*/, '');
      else {
        const message = directive.args === ''
          ? '@name needs a name: e.g. # @name login'
          : `${quote(directive.args)} cannot be a request name: use letters, digits, _ or - (e.g. # @name login)`;
        ctx.diagnostics.push(diagnostic(directive.argsRange, 'error', 'bad-name', message));
      }
      return;
    case 'task': {
      if (settings.sequence) {
        const message = `@task and @${settings.sequence.kind} on one block: a @${settings.sequence.kind} sequence is not a task users repeat; put the @task on the first block after the sequence`;
        ctx.diagnostics.push(diagnostic(directive.nameRange, 'error', 'sequence-conflict', message));
        return;
      }
      const weight = readTaskWeight(ctx, directive);
      if (weight !== undefined) settings.task = { weight, directive };
      return;
    }
    case 'on-start':
    case 'setup':
      readSequence(ctx, directive, settings);
      return;
    case 'expect': {
      const ranges = parseExpectation(directive.args);
      if (typeof ranges === 'string') ctx.diagnostics.push(diagnostic(directive.argsRange, 'error', 'bad-expect', ranges));
      else settings.expect = { ranges, text: directive.args, range: directive.range };
      return;
    }
    case 'threshold': {
      const rule = readThreshold(ctx, directive, index);
      if (rule) settings.thresholds.push(rule);
      return;
    }
    case 'think':
      settings.think = readThink(ctx, directive) ?? settings.think;
      return;
    case 'timeout':
      settings.timeoutMs = readDuration(ctx, directive, false) ?? settings.timeoutMs;
      return;
    case 'no-redirect':
    case 'no-cookie-jar':
      // In a block, as REST Client reads them: this request only (the jar is neither read nor written).
      applySessionDirective(ctx, directive, settings);
      return;
  }
}
