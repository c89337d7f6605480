// The `run` flags for CI and comparisons: --baseline, --junit, --summary and --out (docs/cli.md).
import type { OptionSpec, ParsedArgs } from './args';
import { UsageError } from './exit-codes';

export const CI_OPTIONS: readonly OptionSpec[] = [
  { name: 'baseline', value: 'RESULT.json', description: 'compare with an earlier --json result: the change per request, and rules like p95 < baseline + 10%' },
  { name: 'junit', value: 'FILE.xml', description: 'JUnit XML: one testcase per threshold rule and target' },
  { name: 'summary', value: 'FILE.md', description: 'a Markdown summary (also appended to $GITHUB_STEP_SUMMARY when set)' },
  { name: 'out', value: 'KIND=URL', description: 'stream metrics each second, repeatable: prometheus=URL (remote write), otlp=URL (OTLP/HTTP)' },
];

export type OutKind = 'prometheus' | 'otlp';

export interface OutTarget {
  kind: OutKind;
  url: string;
}

export interface CiSettings {
  baselineFile?: string;
  junit?: string;
  summary?: string;
  outs: OutTarget[];
}

const OUT_EXAMPLE = 'e.g. --out prometheus=http://127.0.0.1:9090/api/v1/write or --out otlp=http://127.0.0.1:4318/v1/metrics';

/** A full http:// or https:// URL (flags that name a server: --host, --out). */
export function isHttpUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export function parseOutTarget(raw: string): OutTarget {
  const eq = raw.indexOf('=');
  const kind = eq < 0 ? raw : raw.slice(0, eq);
  if (kind !== 'prometheus' && kind !== 'otlp') {
    throw new UsageError(`--out takes KIND=URL with KIND prometheus or otlp, got '${raw}' (${OUT_EXAMPLE}).`);
  }
  const url = eq < 0 ? '' : raw.slice(eq + 1);
  if (!isHttpUrl(url)) {
    throw new UsageError(`--out ${kind}= needs an http:// or https:// URL, got '${url}' (${OUT_EXAMPLE}).`);
  }
  return { kind, url };
}

export function toCiSettings(args: ParsedArgs): CiSettings {
  return {
    baselineFile: args.values.get('baseline'),
    junit: args.values.get('junit'),
    summary: args.values.get('summary'),
    outs: (args.lists.get('out') ?? []).map(parseOutTarget),
  };
}
