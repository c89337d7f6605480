// Tasks from `# @task W`: a block with @task starts a task, the blocks below it continue it.
import type { Diagnostic, RequestBlock, Task } from './model';
import { diagnostic } from './ranges';

export interface TaskMark {
  weight: number;
  /** The `# @task` line. */
  range: Task['range'];
}

/**
 * `marks[i]` is the @task of request i, if any. Without any @task the file is one task of
 * weight 1. Requests above the first @task form their own task of weight 1, with a warning.
 */
export function buildTasks(requests: RequestBlock[], marks: Array<TaskMark | undefined>, diagnostics: Diagnostic[]): Task[] {
  if (requests.length === 0) return [];
  if (!marks.some((mark) => mark !== undefined)) return [{ weight: 1, requests: requests.map((request) => request.index) }];
  const tasks: Task[] = [];
  let current: Task | undefined;
  for (const request of requests) {
    const mark = marks[request.index];
    if (mark) {
      current = { weight: mark.weight, requests: [request.index], ...(mark.range ? { range: mark.range } : {}) };
      tasks.push(current);
    } else if (current) {
      current.requests.push(request.index);
    } else {
      current = { weight: 1, requests: [request.index] };
      tasks.push(current);
      const message = 'this request comes before the first @task: it forms its own task of weight 1; add # @task W to say so, or move it below a @task';
      diagnostics.push(diagnostic(request.requestLineRange, 'warning', 'request-before-first-task', message));
    }
  }
  return tasks;
}
