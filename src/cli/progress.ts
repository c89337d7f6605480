// Live progress while a run goes: on a terminal one line redrawn in place (bar, elapsed / total,
// users, RPS, p95, errors); otherwise one plain line per interval, which logs and CI read well.

import type { IntervalSnapshot } from '../core/metrics/result';
import { formatClock as clock, formatErrorShare, formatMs, formatRate, NO_VALUE } from '../core/present';
import { escapeControls, type Style } from './format';

export interface ProgressReporter {
  update(snapshot: IntervalSnapshot): void;
  /** Prints a message above the live line without garbling it. */
  note(message: string): void;
  /** Removes the live line before the summary is printed. */
  finish(): void;
}

const BAR_WIDTH = 20;

function facts(snapshot: IntervalSnapshot): string[] {
  const aggregate = snapshot.aggregate;
  const p95 = aggregate.window['95'];
  return [
    `users ${snapshot.users}`,
    `${formatRate(aggregate.rps)} req/s`,
    `p95 ${aggregate.total.requests > 0 && p95 !== undefined ? formatMs(p95) : NO_VALUE}`,
    `errors ${formatErrorShare(aggregate.total.requests, aggregate.total.failures)}`,
  ];
}

function elapsedText(snapshot: IntervalSnapshot, plannedMs: number | undefined): string {
  return plannedMs ? `${clock(snapshot.elapsedMs)}/${clock(plannedMs)}` : clock(snapshot.elapsedMs);
}

/** One plain line per interval, for pipes, files and CI logs. */
export function createPlainProgress(write: (text: string) => void, plannedMs: number | undefined): ProgressReporter {
  return {
    update: (snapshot) => write(`[${elapsedText(snapshot, plannedMs)}] ${facts(snapshot).join(' | ')}\n`),
    note: (message) => write(`${escapeControls(message, true)}\n`),
    finish: () => undefined,
  };
}

/** A single line redrawn in place; it never wraps, so `\r` always returns to its start. */
export function createTerminalProgress(
  write: (text: string) => void,
  columns: () => number,
  plannedMs: number | undefined,
  style: Style,
): ProgressReporter {
  let shown = false;
  let last = '';
  const clear = () => {
    if (shown) write('\r\x1b[2K');
    shown = false;
  };
  return {
    update(snapshot) {
      let bar = '';
      if (plannedMs) {
        const filled = Math.min(BAR_WIDTH, Math.round((snapshot.elapsedMs / plannedMs) * BAR_WIDTH));
        bar = `${'█'.repeat(filled)}${style.dim('░'.repeat(BAR_WIDTH - filled))} `;
      }
      const text = `${elapsedText(snapshot, plannedMs)}  ${facts(snapshot).join('  ')}`;
      // Keep one character spare: writing into the last column makes some terminals wrap.
      const room = Math.max(10, columns() - 1 - (plannedMs ? BAR_WIDTH + 1 : 0));
      last = bar + (text.length > room ? text.slice(0, room) : text);
      clear();
      write(last);
      shown = true;
    },
    note(message) {
      clear();
      write(`${escapeControls(message, true)}\n`);
      if (last) {
        write(last);
        shown = true;
      }
    },
    finish() {
      clear();
      last = '';
    },
  };
}

/** `--quiet`: no progress, but messages (engine warnings, Ctrl-C) still reach the user. */
export function createSilentProgress(write: (text: string) => void): ProgressReporter {
  return { update: () => undefined, note: (message) => write(`${escapeControls(message, true)}\n`), finish: () => undefined };
}
