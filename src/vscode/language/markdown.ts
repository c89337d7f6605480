// Markdown building for hovers and completion documentation. Anything that came from the user's
// file goes through `escapeMarkdown`, `inlineCode` or `codeBlock`, so that a value such as
// `[x](command:...)` or `<img>` renders as text. Free of `vscode` for unit tests.

/** Escapes every character that CommonMark could read as markup; newlines become spaces. */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|~<>&]/g, '\\$&');
}

/** Inline code that cannot be closed early by backticks in `text`. */
export function inlineCode(text: string): string {
  const oneLine = text.replace(/\r?\n/g, ' ');
  const fence = '`'.repeat(longestRun(oneLine, '`') + 1);
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}

/** A fenced block whose fence is longer than any backtick run inside `code`. */
export function codeBlock(code: string, language = ''): string {
  const fence = '`'.repeat(Math.max(3, longestRun(code, '`') + 1));
  return `${fence}${language}\n${code}\n${fence}`;
}

function longestRun(text: string, character: string): number {
  let longest = 0;
  let current = 0;
  for (const each of text) {
    current = each === character ? current + 1 : 0;
    longest = Math.max(longest, current);
  }
  return longest;
}
