// The JSONPath subset of captures and `??` checks: `$`, then `.key` and `[index]` steps.

export const JSON_PATH = /^\$(?:\.[^.[\]\s]+|\[\d+\])*$/;

/** `$.a[0].b` -> ['a', 0, 'b']; `$` -> []. */
export function jsonPathSteps(path: string): Array<string | number> {
  const steps: Array<string | number> = [];
  const step = /\.([^.[\]\s]+)|\[(\d+)\]/g;
  for (const match of path.slice(1).matchAll(step)) {
    steps.push(match[1] !== undefined ? match[1] : Number(match[2]));
  }
  return steps;
}

/** The JSON value at the steps; undefined when absent. */
export function jsonValueAt(root: unknown, steps: ReadonlyArray<string | number>): unknown {
  let value: unknown = root;
  for (const key of steps) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}
