// Tasks from `# @task W`: a block with @task starts a task, the blocks below it continue it.
// `# @on-start` and `# @setup` start a sequence the same way (docs/scenario-tasks.md,
// "Per-user start and run-once setup"); their requests are in no task.
import type { Diagnostic, Range, RequestBlock, RequestSequence, Task } from './model';
import { diagnostic } from './ranges';
import type { SequenceKind } from './request-directives';

export interface TaskMark {
  kind: 'task' | SequenceKind;
  /** The task's weight (0 for a sequence). */
  weight: number;
  /** The `# @task`, `# @on-start` or `# @setup` line. */
  range: Range;
}

export interface RequestGroups {
  tasks: Task[];
  onStart?: RequestSequence;
  setup?: RequestSequence;
}

type Group = { kind: 'task'; task: Task } | { kind: SequenceKind; sequence: RequestSequence };

/** A second `@on-start` (or `@setup`) block: reported, and read as continuing the first one. */
function repeatedSequence(kind: SequenceKind, first: RequestSequence, mark: TaskMark, diagnostics: Diagnostic[]): void {
  const message = `the @${kind} sequence already starts on line ${first.range.start.line + 1}: a file has one; put these requests in that sequence (the blocks below it, up to the next @task), or make them a task`;
  diagnostics.push(diagnostic(mark.range, 'error', 'duplicate-sequence', message));
}

/**
 * `marks[i]` is the @task, @on-start or @setup of request i, if any. Without any mark the file is
 * one task of weight 1. Requests above the first mark form their own task of weight 1 (with a
 * warning when the file has @task lines: they were probably meant to be in one).
 */
export function buildTasks(requests: RequestBlock[], marks: Array<TaskMark | undefined>, diagnostics: Diagnostic[]): RequestGroups {
  if (requests.length === 0) return { tasks: [] };
  if (!marks.some((mark) => mark !== undefined)) return { tasks: [{ weight: 1, requests: requests.map((request) => request.index) }] };
  const hasTaskMarks = marks.some((mark) => mark?.kind === 'task');
  const groups: RequestGroups = { tasks: [] };
  let current: Group | undefined;
  for (const request of requests) {
    const mark = marks[request.index];
    if (mark?.kind === 'task') {
      current = { kind: 'task', task: { weight: mark.weight, requests: [request.index], range: mark.range } };
      groups.tasks.push(current.task);
    } else if (mark) {
      const key = mark.kind === 'setup' ? 'setup' : 'onStart';
      const existing = groups[key];
      if (existing) repeatedSequence(mark.kind, existing, mark, diagnostics);
      const sequence = existing ?? { requests: [], range: mark.range };
      groups[key] = sequence;
      sequence.requests.push(request.index);
      current = { kind: mark.kind, sequence };
    } else if (current) {
      if (current.kind === 'task') current.task.requests.push(request.index);
      else current.sequence.requests.push(request.index);
    } else {
      current = { kind: 'task', task: { weight: 1, requests: [request.index] } };
      groups.tasks.push(current.task);
      if (hasTaskMarks) {
        const message = 'this request comes before the first @task: it forms its own task of weight 1; add # @task W to say so, or move it below a @task';
        diagnostics.push(diagnostic(request.requestLineRange, 'warning', 'request-before-first-task', message));
      }
    }
  }
  if (groups.tasks.length === 0) {
    const sequence = (groups.onStart ?? groups.setup) as RequestSequence;
    const kind = groups.onStart ? 'on-start' : 'setup';
    const message = `every request is in the @${kind} sequence, so users have nothing to repeat: the sequence runs up to the next @task; add # @task above the first request users should repeat`;
    diagnostics.push(diagnostic(sequence.range, 'error', 'no-task', message));
  }
  return groups;
}
