// A command line as a shell would split it into words, for `loadlens import curl`.
// POSIX shells (bash, zsh; Chrome's and Firefox's "Copy as cURL (bash)", `$'...'` included) go
// through shell-quote, a well-kept parser, after joining `\`-newline continuations as bash does.
// Windows cmd (Chrome's "Copy as cURL (cmd)": `^"...^"`, `^` continuations) has no such library:
// the small tokenizer below applies cmd's caret rules, then the C runtime's argument rules
// (https://learn.microsoft.com/cpp/c-language/parsing-c-command-line-arguments), in that order.

import { parse } from 'shell-quote';

export type ShellKind = 'bash' | 'cmd';

export interface ShellWords {
  words: string[];
  shell: ShellKind;
  /** What followed the first command (`| jq`, `; echo`), not carried over. */
  ignored?: string;
}

/** Chrome's cmd form wraps every argument in `^"...^"` and continues lines with a trailing `^`. */
export function detectShell(command: string): ShellKind {
  return /(^|\s)\^"/.test(command) || /\^\r?\n/.test(command) ? 'cmd' : 'bash';
}

export function splitCommandLine(command: string, shell: ShellKind = detectShell(command)): ShellWords {
  return shell === 'cmd' ? { words: splitCmd(command), shell } : splitBash(command);
}

function splitBash(command: string): ShellWords {
  // bash removes backslash-newline before it splits words; shell-quote would keep an empty word.
  const joined = command.replace(/\\\r?\n/g, '');
  // `$NAME` stays as written: an import never reads this machine's environment into a scenario.
  const entries = parse(joined, (name) => `$${name}`);
  const words: string[] = [];
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index];
    if (typeof entry === 'string') words.push(entry);
    else if (entry && 'pattern' in entry) words.push(entry.pattern);
    else if (entry && 'comment' in entry) break;
    else if (entry && 'op' in entry) {
      return { words, shell: 'bash', ignored: describeRest(entries.slice(index)) };
    }
  }
  return { words, shell: 'bash' };
}

function describeRest(entries: ReturnType<typeof parse>): string {
  return entries
    .map((entry) => (typeof entry === 'string' ? entry : 'op' in entry ? entry.op : 'pattern' in entry ? entry.pattern : ''))
    .join(' ')
    .trim();
}

/** cmd.exe: `^X` is X, `^` at a line end continues the line, `^` is literal inside "...". */
function unescapeCmd(command: string): string {
  let out = '';
  let quoted = false;
  for (let index = 0; index < command.length; index++) {
    const char = command[index] as string;
    if (char === '"') {
      quoted = !quoted;
      out += char;
    } else if (char === '^' && !quoted) {
      const next = command[index + 1];
      if (next === undefined) break;
      if (next === '\r' && command[index + 2] === '\n') {
        // A continuation: the first character of the next line is taken literally (Chrome
        // writes `^` + two newlines for a newline inside a value).
        index += 2;
        const after = command[index + 1];
        if (after !== undefined) {
          out += after === '\r' && command[index + 2] === '\n' ? '\n' : after;
          index += after === '\r' ? 2 : 1;
        }
      } else if (next === '\n') {
        index += 1;
        const after = command[index + 1];
        if (after !== undefined) {
          out += after;
          index += 1;
        }
      } else {
        out += next;
        index += 1;
      }
    } else {
      out += char;
    }
  }
  return out;
}

/** The C runtime's rules: blanks split words outside quotes; `\` only escapes before `"`. */
function splitCmd(command: string): string[] {
  const text = unescapeCmd(command);
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string;
    if (char === '\\') {
      let count = 0;
      while (text[index + count] === '\\') count++;
      if (text[index + count] === '"') {
        word += '\\'.repeat(Math.floor(count / 2));
        if (count % 2 === 1) word += '"';
        else quoted = !quoted;
        index += count;
      } else {
        word += '\\'.repeat(count);
        index += count - 1;
      }
      inWord = true;
    } else if (char === '"') {
      if (quoted && text[index + 1] === '"') {
        word += '"';
        index++;
      } else quoted = !quoted;
      inWord = true;
    } else if (!quoted && (char === ' ' || char === '\t' || char === '\n' || char === '\r')) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}
