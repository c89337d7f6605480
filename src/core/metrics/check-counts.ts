// How often each `??` check ran and failed, and why (docs/scenario-checks.md, "Checks"): counted
// by each worker per interval, summed exactly by the engine's main thread, kept in the result
// so that the editor can say `failed 12 of 3,400 times: got 503 (9), got 500 (3)` on the line.

/** One check's counts in one interval: `[check index, evaluated, [reason, count][]]`. */
export type CheckPartial = [number, number, Array<[string, number]>];

/** Distinct reasons kept per check; the rest are counted under OTHER_REASONS (bodies vary without end). */
export const MAX_REASONS = 20;
export const OTHER_REASONS = 'other reasons';

export interface CheckKey {
  /** The request's stats name and method, as in the stats table. */
  name: string;
  method: string;
  /** 1-based line of the `??` line. */
  line: number;
  /** The check as written, without `??`. */
  check: string;
}

export interface CheckStats extends CheckKey {
  evaluated: number;
  failed: number;
  /** Most frequent first. */
  reasons: Array<{ reason: string; count: number }>;
}

function addReason(reasons: Map<string, number>, reason: string, count: number): void {
  const key = reasons.has(reason) || reasons.size < MAX_REASONS ? reason : OTHER_REASONS;
  reasons.set(key, (reasons.get(key) ?? 0) + count);
}

/** A worker's counts; only made when the scenario has checks, so a run without them pays nothing. */
export class CheckCounter {
  private readonly evaluated: number[];
  private readonly reasons: Array<Map<string, number>>;

  constructor(checkCount: number) {
    this.evaluated = new Array<number>(checkCount).fill(0);
    this.reasons = Array.from({ length: checkCount }, () => new Map<string, number>());
  }

  count(check: number, reason: string | undefined): void {
    if (check >= this.evaluated.length) return;
    this.evaluated[check] = (this.evaluated[check] ?? 0) + 1;
    if (reason !== undefined) addReason(this.reasons[check] as Map<string, number>, reason, 1);
  }

  take(): CheckPartial[] {
    const out: CheckPartial[] = [];
    for (let check = 0; check < this.evaluated.length; check++) {
      const evaluated = this.evaluated[check] ?? 0;
      if (evaluated === 0) continue;
      const reasons = this.reasons[check] as Map<string, number>;
      out.push([check, evaluated, [...reasons]]);
      this.evaluated[check] = 0;
      reasons.clear();
    }
    return out;
  }
}

/** The run's totals, on the engine's main thread. */
export class CheckTotals {
  private readonly evaluated: number[];
  private readonly reasons: Array<Map<string, number>>;

  constructor(private readonly keys: readonly CheckKey[]) {
    this.evaluated = keys.map(() => 0);
    this.reasons = keys.map(() => new Map<string, number>());
  }

  add(partials: readonly CheckPartial[] | undefined): void {
    for (const [check, evaluated, reasons] of partials ?? []) {
      const found = this.reasons[check];
      if (!found) continue;
      this.evaluated[check] = (this.evaluated[check] ?? 0) + evaluated;
      for (const [reason, count] of reasons) addReason(found, reason, count);
    }
  }

  stats(): CheckStats[] {
    return this.keys.map((key, check) => {
      const reasons = [...(this.reasons[check] ?? [])].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1));
      return { ...key, evaluated: this.evaluated[check] ?? 0, failed: reasons.reduce((sum, entry) => sum + entry.count, 0), reasons };
    });
  }
}
