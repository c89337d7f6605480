// "Loadlens: Import…": a picker of the four sources `loadlens import` reads (a curl command from
// the clipboard or typed, a HAR recording, an OpenAPI document, a Postman collection), the same
// pure conversions (src/core/import/), the scenario written beside the source (asking before it
// replaces a file) and opened, and every note of what was not carried over shown.
import * as vscode from 'vscode';
import { importCurl, ImportError, importHar, importOpenApi, importPostman, looksLikeCurl, parseOpenApiText, type ImportOutput } from '../../core/import';
import { openApiDereferencer } from '../../engine/openapi-loader';
import { UserFacingError } from '../shared/command';
import { showImportNotes } from './import-notes';
import { folderBeside, mayWrite } from './write-beside';

export type ImportKind = 'curl' | 'har' | 'openapi' | 'postman';

interface KindItem extends vscode.QuickPickItem {
  source: ImportKind;
}

const KINDS: KindItem[] = [
  { source: 'curl', label: 'cURL command', description: 'from the clipboard, or typed', detail: 'A request copied with "Copy as cURL" in the browser\'s network tab' },
  { source: 'har', label: 'HAR recording', description: '.har', detail: 'A user\'s session saved from the browser\'s network tab; think times from the recorded gaps' },
  { source: 'openapi', label: 'OpenAPI document', description: '.json, .yaml', detail: 'OpenAPI 3.0 or 3.1: one request per operation' },
  { source: 'postman', label: 'Postman collection', description: '.json', detail: 'Collection v2.1: folders become tasks' },
];

const FILTERS: Record<Exclude<ImportKind, 'curl'>, Record<string, string[]>> = {
  har: { 'HAR recordings': ['har', 'json'] },
  openapi: { 'OpenAPI documents': ['json', 'yaml', 'yml'] },
  postman: { 'Postman collections': ['json'] },
};

async function askCurlCommand(): Promise<string | undefined> {
  const clipboard = await vscode.env.clipboard.readText();
  return vscode.window.showInputBox({
    title: 'Import a cURL command',
    prompt: 'The curl command (bash or Windows cmd quoting)',
    placeHolder: 'curl http://localhost:8888/hospital -H "Accept: application/json"',
    value: looksLikeCurl(clipboard) ? clipboard : '',
    ignoreFocusOut: true,
    validateInput: (text) => (looksLikeCurl(text) ? undefined : 'Enter a command that starts with curl'),
  });
}

async function askSourceFile(kind: Exclude<ImportKind, 'curl'>): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: FILTERS[kind], title: `Import ${KINDS.find((item) => item.source === kind)?.label ?? kind}`, openLabel: 'Import' });
  return picked?.[0];
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ImportError(`not JSON, so not a ${what}: ${(error as Error).message}`);
  }
}

async function convert(kind: ImportKind, source: string | vscode.Uri, sideFilePrefix: string): Promise<ImportOutput> {
  if (typeof source === 'string') return importCurl(source, { sideFilePrefix, readFile: () => undefined });
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(source));
  switch (kind) {
    case 'har':
      return importHar(parseJson(text, 'HAR file'), { sideFilePrefix });
    case 'openapi':
      return importOpenApi(parseOpenApiText(text), { sideFilePrefix, dereference: openApiDereferencer });
    case 'postman':
      return importPostman(parseJson(text, 'Postman collection'), { sideFilePrefix });
    case 'curl':
      return importCurl(text, { sideFilePrefix, readFile: () => undefined });
  }
}

/** `imported.har` -> `imported`; a curl command is named after its URL's last path segment. */
function baseName(source: string | vscode.Uri): string {
  if (typeof source !== 'string') return (source.path.split('/').pop() ?? 'imported').replace(/\.(json|ya?ml|har)$/i, '').replace(/\.postman_collection$/i, '') || 'imported';
  const url = /https?:\/\/[^\s'"^]+/i.exec(source)?.[0] ?? '';
  const segment = url.replace(/[?#].*$/, '').split('/').filter(Boolean).slice(2).pop() ?? '';
  return segment.replace(/[^\w-]/g, '') || 'curl-import';
}

/**
 * Runs the import; `kind` and `source` (a curl command, or a file's Uri) skip the questions when a
 * caller gives them. Resolves with the written scenario, or undefined when the user stopped.
 */
export async function importInto(kindArgument: unknown, sourceArgument: unknown, log: vscode.LogOutputChannel): Promise<vscode.Uri | undefined> {
  const kind = KINDS.some((item) => item.source === kindArgument) ? (kindArgument as ImportKind) : (await vscode.window.showQuickPick(KINDS, { title: 'Loadlens: Import', placeHolder: 'What to make a load scenario from' }))?.source;
  if (!kind) return undefined;
  const source = typeof sourceArgument === 'string' || sourceArgument instanceof vscode.Uri ? sourceArgument : kind === 'curl' ? await askCurlCommand() : await askSourceFile(kind);
  if (source === undefined) return undefined;
  const folder = typeof source === 'string' ? folderBeside(vscode.window.activeTextEditor?.document.uri ?? vscode.Uri.from({ scheme: 'untitled', path: 'x' })) : folderBeside(source);
  const name = baseName(source);
  let output: ImportOutput;
  try {
    output = await convert(kind, source, name);
  } catch (error) {
    if (error instanceof ImportError) throw new UserFacingError(`Cannot import ${typeof source === 'string' ? 'the curl command' : (source.path.split('/').pop() ?? '')}: ${error.message}.`);
    throw error;
  }
  const target = vscode.Uri.joinPath(folder, `${name}.load.http`);
  if (!(await mayWrite(target))) return undefined;
  for (const file of output.sideFiles) {
    const side = vscode.Uri.joinPath(folder, file.name);
    if (!(await mayWrite(side))) return undefined;
    await vscode.workspace.fs.writeFile(side, file.bytes);
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(output.scenario));
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target));
  showImportNotes(`Imported ${target.path.split('/').pop() ?? ''}`, output.notes, log);
  return target;
}
