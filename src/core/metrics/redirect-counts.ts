// How many requests of each name were redirected and how many hops they followed
// (docs/reports.md, "Redirects"): counted by each worker per interval, summed exactly by the
// engine's main thread. Nothing is made, sent or kept until a redirect is followed.

/** One request name's redirects in one interval: `[endpoint index, requests redirected, hops followed]`. */
export type RedirectPartial = [number, number, number];

export interface RedirectStats {
  method: string;
  name: string;
  /** Requests of this name that followed at least one redirect. */
  redirected: number;
  /** Redirects followed by them, summed (a chain of 3 hops counts 3). */
  followed: number;
}

/** Per endpoint: requests redirected, hops followed. */
export class RedirectCounter {
  private counts: Map<number, [number, number]> | undefined;

  count(endpoint: number, hops: number): void {
    const counts = (this.counts ??= new Map());
    const found = counts.get(endpoint);
    if (found) {
      found[0]++;
      found[1] += hops;
    } else {
      counts.set(endpoint, [1, hops]);
    }
  }

  /** This interval's counts (undefined when none), and a fresh start. */
  take(): RedirectPartial[] | undefined {
    const counts = this.counts;
    if (!counts || counts.size === 0) return undefined;
    this.counts = undefined;
    return [...counts].map(([endpoint, [redirected, followed]]) => [endpoint, redirected, followed]);
  }

  /** The run's totals from partials (the main thread's side). */
  add(partials: readonly RedirectPartial[] | undefined): void {
    for (const [endpoint, redirected, followed] of partials ?? []) {
      const counts = (this.counts ??= new Map());
      const found = counts.get(endpoint);
      if (found) {
        found[0] += redirected;
        found[1] += followed;
      } else {
        counts.set(endpoint, [redirected, followed]);
      }
    }
  }

  /** In request order, names that followed no redirect left out; undefined when no request was redirected. */
  stats(names: ReadonlyArray<{ method: string; name: string }>): RedirectStats[] | undefined {
    if (!this.counts || this.counts.size === 0) return undefined;
    return [...this.counts]
      .sort(([a], [b]) => a - b)
      .flatMap(([endpoint, [redirected, followed]]) => {
        const key = names[endpoint];
        return key ? [{ method: key.method, name: key.name, redirected, followed }] : [];
      });
  }
}
