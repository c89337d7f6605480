// "Paste cURL as Request" (VS Code): a curl command becomes one request block for the scenario
// being edited, through the same conversion as `loadlens import curl` (curl.ts). The scenario
// keeps its own header: the request is relative only when it goes to the scenario's own host.

import { curlDraft } from './curl';
import { writeRequestBlocks, type RequestBlockOutput } from './write-scenario';

export interface CurlPasteOptions {
  /** The scenario's `# @host` as written (template text), if it has one. */
  scenarioHost?: string;
  /** File variables the scenario already declares: not declared again. */
  declared: ReadonlySet<string>;
  /** Side files (multipart bodies) are named `${sideFilePrefix}.body-N.ext`. */
  sideFilePrefix: string;
  readFile(path: string): Uint8Array | undefined;
}

export function curlRequestBlock(command: string, options: CurlPasteOptions): RequestBlockOutput {
  const draft = curlDraft(command, { readFile: options.readFile });
  const origin = draft.host;
  const sameHost = origin !== undefined && options.scenarioHost !== undefined && options.scenarioHost.replace(/\/+$/, '') === origin;
  if (origin !== undefined && !sameHost) {
    for (const request of draft.requests) if (request.url.startsWith('/')) request.url = `${origin}${request.url}`;
  }
  return writeRequestBlocks(draft, options.sideFilePrefix, options.declared);
}

/** True when the text looks like one curl command line (what the clipboard holds after "Copy as cURL"). */
export function looksLikeCurl(text: string): boolean {
  return /^\s*curl(\.exe)?\s+\S/i.test(text);
}

