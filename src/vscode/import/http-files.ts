// Which documents are plain `.http` / `.rest` request files (REST Client, httpYac, JetBrains):
// with those extensions installed their language is `http` or `restclient`; without them VS Code
// has no language for `.http` and opens it as `plaintext`, so the file name decides. A
// `*.load.http` file is a load scenario (language `loadlens`) and is never one of them.
import type * as vscode from 'vscode';
import { LANGUAGE_ID } from '../shared/ids';

export const HTTP_LANGUAGES = ['http', 'restclient'] as const;

/** For providers: the two languages, and the file names when neither extension is installed. */
export const HTTP_FILE_SELECTOR: vscode.DocumentSelector = [
  ...HTTP_LANGUAGES.map((language) => ({ language })),
  { pattern: '**/*.http' },
  { pattern: '**/*.rest' },
];

export function isPlainHttpFile(document: vscode.TextDocument): boolean {
  if (document.languageId === LANGUAGE_ID) return false;
  const path = document.uri.path.toLowerCase();
  if (path.endsWith('.load.http')) return false;
  return (HTTP_LANGUAGES as readonly string[]).includes(document.languageId) || path.endsWith('.http') || path.endsWith('.rest');
}

/** `api.http` -> `api.load.http`, `calls.rest` -> `calls.load.http`. */
export function loadScenarioName(fileName: string): string {
  return `${fileName.replace(/\.(http|rest)$/i, '')}.load.http`;
}
