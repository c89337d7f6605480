// Reading each load tool's own report into one shape: { rps, p50Ms, p99Ms, requests, errors }.
// Requests/s is always total requests over the tool's measured duration.

const UNIT_MS = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `290.00us`, `1.20ms`, `2.00s` -> ms. */
export function wrkDurationMs(text) {
  const match = /^([\d.]+)(us|ms|s|m|h)$/.exec(text.trim());
  if (!match) throw new Error(`not a wrk duration: ${text}`);
  return Number(match[1]) * UNIT_MS[match[2]];
}

/** wrk's text output (with --latency). */
export function parseWrk(text) {
  const total = /(\d+) requests in ([\d.]+)(us|ms|s|m|h)/.exec(text);
  const p50 = /^\s*50(?:\.000)?%\s+(\S+)/m.exec(text);
  const p99 = /^\s*99(?:\.000)?%\s+(\S+)/m.exec(text);
  if (!total || !p50 || !p99) throw new Error(`unexpected wrk output:\n${text}`);
  const requests = Number(total[1]);
  const seconds = (Number(total[2]) * UNIT_MS[total[3]]) / 1000;
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(text);
  const errors = (socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0) + (non2xx ? Number(non2xx[1]) : 0);
  return { rps: requests / seconds, p50Ms: wrkDurationMs(p50[1]), p99Ms: wrkDurationMs(p99[1]), requests, errors };
}

/** autocannon --json (latencies in ms, duration in s). */
export function parseAutocannon(text) {
  const start = text.indexOf('{');
  if (start < 0) throw new Error(`unexpected autocannon output:\n${text}`);
  const result = JSON.parse(text.slice(start));
  const requests = result.requests.total;
  return {
    rps: requests / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/**
 * Locust's final summary (printed with --only-summary): the Aggregated row of the stats table
 * (requests, fails, avg, min, max, median | req/s, failures/s) and of the percentile table
 * (50% 66% 75% 80% 90% 95% 98% 99% 99.9% 99.99% 100% # reqs). Its CSV is written on a timer and
 * can miss the last second, so the printed summary is the final word.
 */
export function parseLocustSummary(text) {
  const rows = text.split(/\r?\n/).filter((line) => /^\s+Aggregated\s/.test(line));
  const statsRow = rows.find((line) => line.includes('|'));
  const percentileRow = rows.find((line) => !line.includes('|'));
  if (!statsRow || !percentileRow) throw new Error(`unexpected locust output:\n${text.slice(-2000)}`);
  const [counts, , rates] = statsRow.split('|');
  const [requests, failures] = counts.trim().split(/\s+/).slice(1);
  const percentiles = percentileRow.trim().split(/\s+/).slice(1).map(Number);
  return {
    rps: Number(rates.trim().split(/\s+/)[0]),
    p50Ms: percentiles[0],
    p99Ms: percentiles[7],
    requests: Number(requests),
    errors: Number(String(failures).split('(')[0]),
  };
}

/** Loadlens `--json` result: the aggregate row. */
export function parseLoadlensResult(text) {
  const result = JSON.parse(text);
  const aggregate = result.aggregate;
  return {
    rps: aggregate.rps,
    p50Ms: aggregate.percentiles['50'],
    p99Ms: aggregate.percentiles['99'],
    requests: aggregate.requests,
    errors: aggregate.failures,
    result,
  };
}
