// Text from a scenario, a result or a server, shown in a terminal, a diagnostic or a lens: the
// one escaping every view uses (the CLI re-exports it from src/cli/format.ts).

/**
 * C0 and C1 controls, DEL, and the Unicode marks that reorder or break lines. Text from a
 * scenario, a result or a server can hold any of them; written raw they would drive the terminal
 * (clear it, retitle it, rewrite earlier lines, hide text: "Trojan Source").
 */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const CONTROLS_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeOne(char: string): string {
  const code = char.charCodeAt(0);
  if (char === '\n') return '\\n';
  if (char === '\r') return '\\r';
  if (char === '\t') return '\\t';
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * The one escaping for text that reaches the terminal from outside Loadlens: `\x1b[2J` is shown
 * as the seven characters `\x1b[2J`. `keepNewlines` for messages that Loadlens itself breaks
 * into lines; a name or a diagnostic is one line, so a newline in it is shown as `\n`.
 */
export function escapeControls(text: string, keepNewlines = false): string {
  return text.replace(keepNewlines ? CONTROLS_BUT_NEWLINE : CONTROLS, escapeOne);
}
