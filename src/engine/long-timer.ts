// A timeout of any length. Node's timers hold at most 2^31-1 ms (24.8 days); a longer delay fires
// after 1 ms instead (`@run-time 600h` once ended a run at once). Durations are limited to 30 days
// (src/core/scenario/limits.ts), so a long wait is chained over several timers.

/** The longest delay one Node timer holds. */
export const LONGEST_TIMER_MS = 2 ** 31 - 1;

export interface LongTimer {
  clear(): void;
}

/** Calls `callback` once, `delayMs` from now, however long that is. */
export function setLongTimeout(callback: () => void, delayMs: number, now: () => number = Date.now, unref = false): LongTimer {
  const dueAt = now() + Math.max(0, delayMs);
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    const left = dueAt - now();
    if (left <= LONGEST_TIMER_MS) {
      timer = setTimeout(callback, Math.max(0, left));
    } else {
      timer = setTimeout(arm, LONGEST_TIMER_MS);
    }
    if (unref) timer.unref();
  };
  arm();
  return {
    clear: () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
