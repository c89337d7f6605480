// Turns the load directives into exactly one load model, reporting mixes, stray options and
// the missing run time.
import type { Diagnostic, Directive, LoadModel, Stage } from './model';
import type { LoadDirectives } from './header-directives';
import { MAX_DURATION_MS, MAX_DURATION_TEXT } from './limits';
import { diagnostic } from './ranges';

const DEFAULT_MAX_USERS = 1000;

type ModelKind = 'users' | 'rate' | 'stages';

const MODEL_WORDS: Record<ModelKind, string> = { users: '@users', rate: '@rate', stages: '@stage lines' };

function lineOf(directive: Directive): number {
  return directive.range.start.line + 1;
}

function modelDirectives(load: LoadDirectives): Array<{ kind: ModelKind; directives: Directive[] }> {
  const found: Array<{ kind: ModelKind; directives: Directive[] }> = [];
  if (load.users) found.push({ kind: 'users', directives: [load.users.directive] });
  if (load.rate) found.push({ kind: 'rate', directives: [load.rate.directive] });
  if (load.stageDirectives.length > 0) found.push({ kind: 'stages', directives: load.stageDirectives });
  return found.sort((a, b) => lineOf(a.directives[0] as Directive) - lineOf(b.directives[0] as Directive));
}

function unused(diagnostics: Diagnostic[], entry: { directive: Directive } | undefined, message: string): void {
  if (entry) diagnostics.push(diagnostic(entry.directive.nameRange, 'warning', 'unused-directive', message));
}

/** Stages of one kind: the first stage decides; the others are reported and left out. */
function consistentStages(load: LoadDirectives, diagnostics: Diagnostic[]): { target: 'users' | 'rate'; stages: Stage[] } | undefined {
  const first = load.stages[0];
  if (!first) return undefined;
  const stages: Stage[] = [];
  for (const written of load.stages) {
    if (written.kind === first.kind) stages.push(written.stage);
    else {
      const firstKind = first.kind === 'users' ? 'counts users (N)' : 'is a rate (R/s)';
      const message = `all stages use one kind of target: the first stage (line ${first.stage.range.start.line + 1}) ${firstKind}; write this one the same way`;
      diagnostics.push(diagnostic(written.targetRange, 'error', 'mixed-stage-kinds', message));
    }
  }
  checkStagePlanLength(stages, diagnostics);
  return { target: first.kind, stages };
}

/**
 * A 0s stage is a jump to its target (as k6's `{ duration: '0s', target: N }`), but stages that
 * last 0s in all would run nothing; and the whole plan is held to the longest duration.
 */
function checkStagePlanLength(stages: Stage[], diagnostics: Diagnostic[]): void {
  let totalMs = 0;
  for (const stage of stages) {
    totalMs += stage.durationMs;
    if (totalMs > MAX_DURATION_MS) {
      const message = `the stages last ${Math.round(totalMs / 3_600_000)}h up to this one: a plan lasts at most ${MAX_DURATION_TEXT} (30 days, Loadlens's limit, docs/security.md)`;
      diagnostics.push(diagnostic(stage.range, 'error', 'over-limit', message));
      return;
    }
  }
  const last = stages[stages.length - 1];
  if (last && totalMs === 0) {
    const message = 'the stages last 0s in all, so the run would send nothing: give a stage a duration, e.g. # @stage 1m 10 (a 0s stage jumps to its target, then the next stages run)';
    diagnostics.push(diagnostic(last.range, 'error', 'empty-stage-plan', message));
  }
}

/** The load model the file names (undefined when it names none), and the diagnostics about it. */
export function buildLoadModel(load: LoadDirectives, diagnostics: Diagnostic[]): LoadModel | undefined {
  const models = modelDirectives(load);
  const chosen = models[0];
  for (const other of models.slice(1)) {
    for (const directive of other.directives) {
      const message = `${MODEL_WORDS[other.kind]} cannot be combined with ${MODEL_WORDS[chosen?.kind ?? 'users']} (line ${lineOf(chosen?.directives[0] ?? directive)}): keep one load model, @users, @rate or @stage lines`;
      diagnostics.push(diagnostic(directive.nameRange, 'error', 'mixed-load-models', message));
    }
  }
  const kind = chosen?.kind;
  if (kind !== 'users') unused(diagnostics, load.spawnRate, '@spawn-rate only applies with @users: remove it or add # @users N');
  if (kind === 'stages' || kind === undefined) {
    const message = kind === 'stages' ? '@run-time is ignored with @stage lines: the stages set the length of the run' : '@run-time applies with @users or @rate: add one of them';
    unused(diagnostics, load.runTime, message);
  }
  const stages = kind === 'stages' ? consistentStages(load, diagnostics) : undefined;
  const openModel = kind === 'rate' || stages?.target === 'rate';
  if (!openModel) unused(diagnostics, load.maxUsers, '@max-users only applies with @rate or R/s stages');
  if ((kind === 'users' || kind === 'rate') && !load.runTime) {
    const directive = kind === 'users' ? load.users?.directive : load.rate?.directive;
    const message = 'no @run-time: the run lasts until it is stopped; add e.g. # @run-time 5m';
    if (directive) diagnostics.push(diagnostic(directive.nameRange, 'warning', 'no-run-time', message));
  }
  const runTime = load.runTime ? { runTimeMs: load.runTime.value } : {};
  const maxUsers = load.maxUsers?.value ?? DEFAULT_MAX_USERS;
  if (kind === 'users' && load.users && load.users.value > 0) {
    return { kind: 'users', users: load.users.value, ...(load.spawnRate ? { spawnRate: load.spawnRate.value } : {}), ...runTime };
  }
  if (kind === 'rate' && load.rate && load.rate.value > 0) return { kind: 'rate', rate: load.rate.value, ...runTime, maxUsers };
  if (stages && stages.stages.length > 0) return { kind: 'stages', target: stages.target, stages: stages.stages, maxUsers };
  return undefined;
}
