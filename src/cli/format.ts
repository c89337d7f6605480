// Colour for terminal output. Numbers read as everywhere else: src/core/present.

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
}

const ansi = (code: number, reset: number) => (text: string) => `\x1b[${code}m${text}\x1b[${reset}m`;

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function createStyle(enabled: boolean): Style {
  if (!enabled) {
    const plain = (text: string) => text;
    return { bold: plain, dim: plain, green: plain, red: plain, yellow: plain };
  }
  return { bold: ansi(1, 22), dim: ansi(2, 22), green: ansi(32, 39), red: ansi(31, 39), yellow: ansi(33, 39) };
}

export function wantsColor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): boolean {
  return Boolean(stream.isTTY) && env.NO_COLOR === undefined && env.TERM !== 'dumb';
}

// The one escaping of outside text lives in core, where the editor's messages use it too.
export { escapeControls } from '../core/present/untrusted-text';
