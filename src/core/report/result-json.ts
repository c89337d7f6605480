// `--json FILE`: the loss-free result (run history, baselines, `loadlens report`). Reading one back
// checks its shape and says precisely what is wrong instead of throwing.
import { PROTOCOL_NAMES } from '../metrics/protocols';
import { RESULT_FORMAT_VERSION, type RunResult } from '../metrics/result';
import { withoutCredentials } from './credentials';

/** The result as stored (--json, run history); a host's credentials are never written. */
export function resultJson(result: RunResult): string {
  const stored = result.host === undefined ? result : { ...result, host: withoutCredentials(result.host) };
  return `${JSON.stringify(stored, null, 2)}\n`;
}

export type ParsedResult = { ok: true; result: RunResult } | { ok: false; message: string };

type Check = (value: unknown, path: string) => string | undefined;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const number: Check = (v, path) => (typeof v === 'number' && Number.isFinite(v) ? undefined : `${path}: expected a number, found ${describe(v)}`);
const string: Check = (v, path) => (typeof v === 'string' ? undefined : `${path}: expected a string, found ${describe(v)}`);
const boolean: Check = (v, path) => (typeof v === 'boolean' ? undefined : `${path}: expected true or false, found ${describe(v)}`);
const optional = (check: Check): Check => (v, path) => (v === undefined ? undefined : check(v, path));
const oneOf = (...allowed: string[]): Check => (v, path) =>
  typeof v === 'string' && allowed.includes(v) ? undefined : `${path}: expected one of ${allowed.join(', ')}, found ${describe(v)}`;

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
  return typeof value === 'object' ? 'an object' : String(value);
}

function shape(fields: Record<string, Check>): Check {
  return (value, path) => {
    if (!isObject(value)) return `${path}: expected an object, found ${describe(value)}`;
    for (const [key, check] of Object.entries(fields)) {
      const problem = check(value[key], path === '' ? key : `${path}.${key}`);
      if (problem) return problem;
    }
    return undefined;
  };
}

function list(item: Check): Check {
  return (value, path) => {
    if (!Array.isArray(value)) return `${path}: expected a list, found ${describe(value)}`;
    for (let i = 0; i < value.length; i++) {
      const problem = item(value[i], `${path}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  };
}

const numberMap: Check = (value, path) => {
  if (!isObject(value)) return `${path}: expected an object of numbers, found ${describe(value)}`;
  for (const [key, entry] of Object.entries(value)) {
    const problem = number(entry, `${path}.${key}`);
    if (problem) return problem;
  }
  return undefined;
};

const protocols = optional(list(oneOf(...PROTOCOL_NAMES)));

const endpointStats = shape({
  method: string,
  name: string,
  requests: number,
  failures: number,
  minMs: number,
  maxMs: number,
  meanMs: number,
  medianMs: number,
  contentBytes: number,
  rps: number,
  failuresPerSec: number,
  percentiles: numberMap,
  histogram: string,
  protocols,
});

const intervalStats = shape({
  method: string,
  name: string,
  requests: number,
  failures: number,
  rps: number,
  failuresPerSec: number,
  window: numberMap,
  total: shape({ requests: number, failures: number, medianMs: number, meanMs: number, minMs: number, maxMs: number, avgContentBytes: number }),
  protocols,
});

const interval = shape({
  time: number,
  elapsedMs: number,
  users: number,
  inFlight: number,
  dropped: number,
  generator: optional(shape({ saturated: boolean, loopBusy: number, cpuCores: number, loopDelayMedianMs: number, loopDelayMaxMs: number })),
  aggregate: intervalStats,
  endpoints: list(intervalStats),
});

const loadModel: Check = (value, path) => {
  if (!isObject(value)) return `${path}: expected an object, found ${describe(value)}`;
  switch (value.kind) {
    case 'users':
      return shape({ users: number, spawnRate: optional(number), runTimeMs: optional(number) })(value, path);
    case 'rate':
      return shape({ rate: number, runTimeMs: optional(number), maxUsers: number })(value, path);
    case 'stages':
      return shape({ target: oneOf('users', 'rate'), stages: list(shape({ durationMs: number, target: number })), maxUsers: number })(value, path);
    default:
      return `${path}.kind: expected users, rate or stages, found ${describe(value.kind)}`;
  }
};

const result = shape({
  engineVersion: string,
  scenario: shape({ path: string, hash: string }),
  host: optional(string),
  load: loadModel,
  startTime: number,
  endTime: number,
  outcome: oneOf('completed', 'stopped', 'aborted'),
  abortedBy: optional(string),
  workers: number,
  seed: optional(number),
  endpoints: list(endpointStats),
  aggregate: endpointStats,
  intervals: list(interval),
  failures: list(shape({ method: string, name: string, error: string, occurrences: number })),
  dropped: number,
  thresholds: list(
    shape({
      rule: string,
      severity: oneOf('error', 'warn'),
      abort: boolean,
      target: string,
      requestIndex: optional(number),
      ruleLine: optional(number),
      actual: number,
      requests: number,
      passed: boolean,
      isDefault: boolean,
    }),
  ),
  insights: list(
    shape({
      kind: oneOf('tail-ratio', 'latency-grows-with-users', 'latency-drift', 'error-rate', 'timeouts', 'dropped-arrivals', 'generator-saturated'),
      severity: oneOf('critical', 'warning', 'info'),
      target: optional(string),
      message: string,
    }),
  ),
  joined: optional(
    shape({
      shards: number,
      missing: list(shape({ shard: number, fromSecond: number, toSecond: optional(number), seconds: optional(number), reason: string })),
    }),
  ),
});

export function parseResultJson(text: string): ParsedResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!isObject(value)) return { ok: false, message: `not a Loadlens result: expected an object, found ${describe(value)}` };
  const version = value.formatVersion;
  if (version === undefined) return { ok: false, message: 'not a Loadlens result: it has no formatVersion' };
  if (version !== RESULT_FORMAT_VERSION) {
    const newer = typeof version === 'number' && version > RESULT_FORMAT_VERSION;
    return {
      ok: false,
      message: newer
        ? `result format ${version} is newer than this Loadlens reads (${RESULT_FORMAT_VERSION}): update Loadlens`
        : `unsupported result format ${describe(version)}: this Loadlens reads format ${RESULT_FORMAT_VERSION}`,
    };
  }
  const problem = result(value, '');
  if (problem) return { ok: false, message: `not a valid Loadlens result: ${problem}` };
  const read = value as unknown as RunResult;
  // A result written before hosts were stripped may still hold credentials: they go on reading.
  if (read.host !== undefined) read.host = withoutCredentials(read.host);
  return { ok: true, result: read };
}
