// Values captured from a virtual user's previous responses: `{{name.response.body.$.a[0].b}}`,
// `{{name.response.body.*}}` and `{{name.response.headers.X}}`. Only responses of requests that
// some template references are kept, and a body is parsed as JSON once, on first use.
import { jsonValueAt } from '../core/scenario/json-path';

/**
 * A body kept for captures is cut off past this size: a server's answer must not grow a virtual
 * user without bound (a body that never ends is read until the request's timeout). A capture from
 * a longer body fails with CAPTURE_BODY_TOO_LARGE; the request itself still counts as it ended.
 */
export const CAPTURE_BODY_LIMIT_BYTES = 1024 * 1024;
export const CAPTURE_BODY_TOO_LARGE = 'capture: response body over 1 MiB (the capture limit)';

/** The last response of one request, as one virtual user saw it (only a request that succeeded). */
export class StoredResponse {
  private parsed = false;
  private json: unknown;

  constructor(
    private readonly text: string | undefined,
    /** The raw header list: name, value, name, value... (Buffers from undici, strings otherwise). */
    readonly rawHeaders: ReadonlyArray<Buffer | string> | undefined,
    /** Set when the body was not kept (too large): reading it fails the capture with this text. */
    private readonly bodyProblem?: string,
  ) {}

  /** The body as text; throws CaptureMissing when it was too large to keep. */
  get body(): string | undefined {
    if (this.bodyProblem !== undefined) throw new CaptureMissing(this.bodyProblem);
    return this.text;
  }

  jsonBody(): unknown {
    const text = this.body;
    if (!this.parsed) {
      this.parsed = true;
      try {
        this.json = text === undefined ? undefined : JSON.parse(text);
      } catch {
        this.json = undefined;
      }
    }
    return this.json;
  }

  /** Plain data that crosses to a worker thread (a `# @setup` response, src/engine/setup-run.ts). */
  toShared(index: number): SharedResponse {
    const shared: SharedResponse = { index };
    if (this.text !== undefined) shared.body = this.text;
    if (this.bodyProblem !== undefined) shared.bodyProblem = this.bodyProblem;
    if (this.rawHeaders !== undefined) shared.headers = this.rawHeaders.map(String);
    return shared;
  }

  static fromShared(shared: SharedResponse): StoredResponse {
    return new StoredResponse(shared.body, shared.headers, shared.bodyProblem);
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

/** A kept response as plain data: what a `# @setup` request answered, handed to every worker. */
export interface SharedResponse {
  /** The request's index in the scenario. */
  index: number;
  body?: string;
  bodyProblem?: string;
  /** Names and values alternating. */
  headers?: string[];
}

/** Thrown while rendering when a capture finds nothing; the request fails with its message. */
export class CaptureMissing extends Error {}

export { jsonPathSteps } from '../core/scenario/json-path';

/** The value at the steps, as text (objects as JSON); undefined when absent. */
export function valueAt(root: unknown, steps: ReadonlyArray<string | number>): string | undefined {
  const value = jsonValueAt(root, steps);
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
