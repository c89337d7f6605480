// "Paste cURL as Request" on a load scenario: the curl command on the clipboard (what a browser's
// "Copy as cURL" gives) becomes a request block at the cursor, through the same conversion as
// `loadlens import curl` (src/core/import/curl-paste.ts). Also offered on a plain paste of such a
// command into a scenario, as a paste option next to the text itself.
import * as vscode from 'vscode';
import { curlRequestBlock, ImportError, looksLikeCurl, type RequestBlockOutput } from '../../core/import';
import { parseScenario } from '../../core/scenario';
import { UserFacingError } from '../shared/command';
import { LANGUAGE_ID } from '../shared/ids';
import { fileNameOf } from '../run/scenario-document';
import { showImportNotes } from './import-notes';
import { folderBeside, mayWrite } from './write-beside';

function convert(document: vscode.TextDocument, command: string): RequestBlockOutput {
  const scenario = parseScenario(document.getText());
  try {
    return curlRequestBlock(command, {
      scenarioHost: scenario.host?.raw,
      declared: new Set(scenario.variables.map((variable) => variable.name)),
      sideFilePrefix: fileNameOf(document).replace(/\.load\.http$/, ''),
      // A file the command names (`-d @body.json`) is relative to the shell it was copied from: unknown here, so noted.
      readFile: () => undefined,
    });
  } catch (error) {
    if (error instanceof ImportError) throw new UserFacingError(`That curl command cannot be pasted as a request: ${error.message}.`);
    throw error;
  }
}

/** The text to insert at the start of the cursor's line: the block, set apart by empty lines. */
function insertion(document: vscode.TextDocument, line: number, block: string): string {
  const before = line > 0 && document.lineAt(line - 1).text.trim() !== '' ? '\n' : '';
  const after = line < document.lineCount && document.lineAt(line).text.trim() !== '' ? '\n\n' : '\n';
  return `${before}${block}${after}`;
}

/** `text` is the command when a caller gives one; otherwise the clipboard's. */
export async function pasteCurlAsRequest(text: unknown, log: vscode.LogOutputChannel): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== LANGUAGE_ID) throw new UserFacingError('Open a load scenario (a .load.http file) and put the cursor where the request goes, then paste again.');
  const command = typeof text === 'string' ? text : await vscode.env.clipboard.readText();
  if (!looksLikeCurl(command)) throw new UserFacingError('The clipboard holds no curl command: copy one first (in the browser\'s network tab: right click a request, Copy as cURL).');
  const document = editor.document;
  const block = convert(document, command);
  for (const file of block.sideFiles) {
    const target = vscode.Uri.joinPath(folderBeside(document.uri), file.name);
    if (!(await mayWrite(target))) return;
    await vscode.workspace.fs.writeFile(target, file.bytes);
  }
  const line = editor.selection.active.line;
  await editor.edit((edit) => edit.insert(new vscode.Position(line, 0), insertion(document, line, block.text)));
  showImportNotes('Pasted the curl command as a request', block.notes, log);
}

const CURL_PASTE_KIND = vscode.DocumentDropOrPasteEditKind.Text.append('loadlens', 'curl');

/** A paste of a curl command into a scenario offers the request instead of the raw command. */
export class CurlPasteProvider implements vscode.DocumentPasteEditProvider {
  static readonly metadata: vscode.DocumentPasteProviderMetadata = { providedPasteEditKinds: [CURL_PASTE_KIND], pasteMimeTypes: ['text/plain'] };

  async provideDocumentPasteEdits(document: vscode.TextDocument, ranges: readonly vscode.Range[], dataTransfer: vscode.DataTransfer): Promise<vscode.DocumentPasteEdit[] | undefined> {
    const command = await dataTransfer.get('text/plain')?.asString();
    if (command === undefined || !looksLikeCurl(command)) return undefined;
    let block: RequestBlockOutput;
    try {
      block = convert(document, command);
    } catch {
      return undefined;
    }
    // Side files need writing (and maybe a question): the command does that, a paste does not.
    if (block.sideFiles.length > 0) return undefined;
    const line = ranges[0]?.start.line ?? 0;
    return [new vscode.DocumentPasteEdit(insertion(document, line, block.text), 'Paste cURL as a Loadlens request', CURL_PASTE_KIND)];
  }
}
