// One timer for many sleepers: a binary min-heap of wake-up times with a single setTimeout armed
// for the earliest. 10,000 thinking users cost 10,000 heap slots, not 10,000 timers.

import { LONGEST_TIMER_MS } from './long-timer';

export interface Sleeper {
  /** performance.now() time at which to wake; owned by the queue while queued. */
  wakeAt: number;
  wake(now: number): void;
}

export class WakeQueue {
  private readonly heap: Sleeper[] = [];
  private timer: NodeJS.Timeout | undefined;
  private armedFor = Infinity;
  private closed = false;

  constructor(private readonly now: () => number) {}

  get size(): number {
    return this.heap.length;
  }

  push(sleeper: Sleeper, wakeAt: number): void {
    sleeper.wakeAt = wakeAt;
    const heap = this.heap;
    let index = heap.push(sleeper) - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const above = heap[parent] as Sleeper;
      if (above.wakeAt <= wakeAt) break;
      heap[index] = above;
      index = parent;
    }
    heap[index] = sleeper;
    if (wakeAt < this.armedFor) this.arm(wakeAt);
  }

  private pop(): Sleeper | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let index = 0;
    const length = heap.length;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      let child = left;
      if (right < length && (heap[right] as Sleeper).wakeAt < (heap[left] as Sleeper).wakeAt) child = right;
      const smaller = heap[child] as Sleeper;
      if (smaller.wakeAt >= last.wakeAt) break;
      heap[index] = smaller;
      index = child;
    }
    heap[index] = last;
    return top;
  }

  private arm(at: number): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.armedFor = at;
    // A wake-up beyond one timer's reach: fire() wakes nobody early and arms again.
    this.timer = setTimeout(this.fire, Math.min(LONGEST_TIMER_MS, Math.max(0, at - this.now())));
  }

  private readonly fire = (): void => {
    this.timer = undefined;
    this.armedFor = Infinity;
    // Timers fire up to a millisecond early or late; wake everything due within half a millisecond.
    const now = this.now();
    while (this.heap.length > 0 && (this.heap[0] as Sleeper).wakeAt <= now + 0.5) {
      (this.pop() as Sleeper).wake(now);
    }
    const next = this.heap[0];
    if (next && next.wakeAt < this.armedFor) this.arm(next.wakeAt);
  };

  /** Drops every sleeper and the timer. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.heap.length = 0;
  }
}
