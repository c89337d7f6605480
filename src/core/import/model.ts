// What every importer (cURL, HAR, OpenAPI, Postman) builds before it becomes scenario text: a
// draft with plain values, written out by write-scenario.ts, which alone decides what is safe
// to put on a line. Importers never concatenate scenario text themselves.

/** A header as the source had it. `value` is template text (see `literal()` in template-text.ts). */
export interface DraftHeader {
  name: string;
  value: string;
}

/**
 * A request body. `text` is template text written inline when it can be, else into a side file;
 * `bytes` (binary, or text that must reach the server byte for byte) always goes to a side file.
 */
export type DraftBody = { kind: 'text'; text: string } | { kind: 'bytes'; bytes: Uint8Array; extension: string };

export interface DraftRequest {
  /** The `###` title; also the stats name. */
  title?: string;
  method: string;
  /** Template text: absolute, or a path relative to the scenario's host. */
  url: string;
  headers: DraftHeader[];
  body?: DraftBody;
  /** Directive lines without `# `, e.g. `@task 3`, `@think 1200ms`. */
  directives: string[];
  /** Comment lines above the request: what the source had and the scenario does not carry. */
  notes: string[];
  /** Plain comment lines above the request (which task it starts, for example). */
  comments?: string[];
}

export interface DraftVariable {
  name: string;
  /** Template text. */
  value: string;
  /** A comment line written above it. */
  comment?: string;
}

export interface ScenarioDraft {
  /** Comment lines at the top: where the scenario came from, how to run it. */
  intro: string[];
  /** Template text for `# @host`. */
  host?: string;
  /** Header directive lines without `# `: `@users 5`, `@run-time 1m`. */
  directives: string[];
  variables: DraftVariable[];
  /** Comment lines in the header about what was left out of the whole file. */
  notes: string[];
  requests: DraftRequest[];
}

/** A file written beside the scenario (a body the scenario sends with `< ./name`). */
export interface SideFile {
  name: string;
  bytes: Uint8Array;
}

export interface ImportOutput {
  /** The `*.load.http` text. */
  scenario: string;
  sideFiles: SideFile[];
  /** Entries for `http-client.env.json` beside the scenario, by environment name (Postman environments). */
  environments?: Record<string, Record<string, string>>;
  /** Every note of the scenario, one line each, for standard error. */
  notes: string[];
}

/** A source that cannot be read as its format says; the CLI turns it into exit 2. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

export function emptyDraft(intro: string[]): ScenarioDraft {
  return { intro, directives: [], variables: [], notes: [], requests: [] };
}
