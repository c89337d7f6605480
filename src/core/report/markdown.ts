// Markdown building for hovers, completion documentation and the CLI's Markdown reports (--summary,
// `compare --markdown`). Anything that came from a user's file or a server goes through `escapeMarkdown`,
// `inlineCode` or `codeBlock`, so that a value such as `[x](command:...)` or `<img>` renders as text.

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

/**
 * Escapes what CommonMark reads as markup inside a table cell: emphasis, code, links, HTML, and
 * the `|` that would open a new column. Characters that only count at the start of a line
 * (`#`, `-`, `+`, `.`) cannot start a cell's line, so numbers such as `-3.1%` stay readable.
 */
export function escapeMarkdownCell(text: string): string {
  return text.replace(/\r?\n|\r/g, ' ').replace(/[\\`*_{}[\]|~<>&!]/g, '\\$&');
}

/** A GitHub-flavoured Markdown table, every cell escaped. `align` is `l` or `r` per column. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[], align: string): string {
  const rule = headers.map((_, i) => (align[i] === 'r' ? '---:' : ':---'));
  const line = (cells: readonly string[]) => `| ${cells.map((cell) => (cell === '' ? ' ' : escapeMarkdownCell(cell))).join(' | ')} |`;
  return [line(headers), `| ${rule.join(' | ')} |`, ...rows.map(line)].join('\n');
}
