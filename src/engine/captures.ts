// Values captured from a virtual user's previous responses: `{{name.response.body.$.a[0].b}}`,
// `{{name.response.body.*}}` and `{{name.response.headers.X}}`. Only responses of requests that
// some template references are kept, and a body is parsed as JSON once, on first use.

/** The last response of one request, as one virtual user saw it. */
export class StoredResponse {
  private parsed = false;
  private json: unknown;

  constructor(
    readonly body: string | undefined,
    /** The raw header list: name, value, name, value... (Buffers from undici, strings otherwise). */
    readonly rawHeaders: ReadonlyArray<Buffer | string> | undefined,
  ) {}

  jsonBody(): unknown {
    if (!this.parsed) {
      this.parsed = true;
      try {
        this.json = this.body === undefined ? undefined : JSON.parse(this.body);
      } catch {
        this.json = undefined;
      }
    }
    return this.json;
  }

  header(lowerName: string): string | undefined {
    const raw = this.rawHeaders;
    if (!raw) return undefined;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      if (String(raw[i]).toLowerCase() === lowerName) return String(raw[i + 1]);
    }
    return undefined;
  }
}

/** Thrown while rendering when a capture finds nothing; the request fails with its message. */
export class CaptureMissing extends Error {}

/** `$.a[0].b` -> ['a', 0, 'b']; `$` -> []. */
export function jsonPathSteps(path: string): Array<string | number> {
  const steps: Array<string | number> = [];
  const step = /\.([^.[\]\s]+)|\[(\d+)\]/g;
  for (const match of path.slice(1).matchAll(step)) {
    steps.push(match[1] !== undefined ? match[1] : Number(match[2]));
  }
  return steps;
}

/** The value at the steps, as text (objects as JSON); undefined when absent. */
export function valueAt(root: unknown, steps: ReadonlyArray<string | number>): string | undefined {
  let value: unknown = root;
  for (const key of steps) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
