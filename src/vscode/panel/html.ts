// The panel's HTML shell: a strict Content-Security-Policy (nothing but our own bundle, and only
// the script carrying this load's nonce), no remote resource, and no data in the markup: every
// number and name arrives later as a message and is rendered as text by webview-ui.
import { randomBytes } from 'node:crypto';

export interface PanelHtmlInput {
  /** webview.cspSource: the origin VS Code serves local resources from. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
}

/** 128 bits, base64: a fresh one for every HTML load. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export function panelHtml(input: PanelHtmlInput): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(contentSecurityPolicy(input.cspSource, input.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attribute(input.styleUri)}">
<title>Loadlens Results</title>
</head>
<body>
<main id="app" aria-live="off"></main>
<script nonce="${attribute(input.nonce)}" src="${attribute(input.scriptUri)}"></script>
</body>
</html>
`;
}
