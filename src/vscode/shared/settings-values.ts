// The `loadlens.*` settings as one typed, validated value. Kept free of `vscode` so that the
// validation is unit-tested; settings.ts feeds it from the workspace configuration.
// The defaults repeat package.json `contributes.configuration` (a test keeps them in step).
import { DEFAULT_THRESHOLD_RULES } from '../../core/analysis/default-thresholds';

export interface LoadlensSettings {
  /** Fallback base URL when neither the run's options nor `# @host` give one; '' = none. */
  host: string;
  /** Threshold rules (scenario syntax) for scenarios that declare none. */
  defaultThresholds: string[];
  workers: number | 'auto';
  runHistory: { enabled: boolean; maxRuns: number };
  confirmNonLocalTargets: boolean;
  /** Accept self-signed and otherwise unverified TLS certificates (the CLI's `--insecure`). */
  insecure: boolean;
  diagnostics: { debounceMs: number };
}

export const DEFAULT_SETTINGS: LoadlensSettings = {
  host: '',
  defaultThresholds: [...DEFAULT_THRESHOLD_RULES],
  workers: 1,
  runHistory: { enabled: true, maxRuns: 20 },
  confirmNonLocalTargets: true,
  insecure: false,
  diagnostics: { debounceMs: 300 },
};

/** Longest debounce honoured: beyond it diagnostics would look broken rather than calm. */
const MAX_DEBOUNCE_MS = 5000;

/**
 * Reads each key through `get` (dotted names below `loadlens.`) and replaces a value of the wrong
 * type or out of range by its default, so that a typo in settings.json never breaks a feature.
 */
export function normalizeSettings(get: (key: string) => unknown): LoadlensSettings {
  const host = get('host');
  const thresholds = get('defaultThresholds');
  const enabled = get('runHistory.enabled');
  const confirm = get('confirmNonLocalTargets');
  const insecure = get('insecure');
  return {
    host: typeof host === 'string' ? host.trim() : DEFAULT_SETTINGS.host,
    defaultThresholds: Array.isArray(thresholds)
      ? thresholds.filter((rule): rule is string => typeof rule === 'string' && rule.trim() !== '').map((rule) => rule.trim())
      : [...DEFAULT_SETTINGS.defaultThresholds],
    workers: normalizeWorkers(get('workers')),
    runHistory: {
      enabled: typeof enabled === 'boolean' ? enabled : DEFAULT_SETTINGS.runHistory.enabled,
      maxRuns: integerAtLeast(get('runHistory.maxRuns'), 1, DEFAULT_SETTINGS.runHistory.maxRuns),
    },
    confirmNonLocalTargets: typeof confirm === 'boolean' ? confirm : DEFAULT_SETTINGS.confirmNonLocalTargets,
    // Only a real `true` switches certificate checks off: a string "true" or any typo keeps them on.
    insecure: insecure === true,
    diagnostics: {
      debounceMs: Math.min(MAX_DEBOUNCE_MS, integerAtLeast(get('diagnostics.debounceMs'), 0, DEFAULT_SETTINGS.diagnostics.debounceMs)),
    },
  };
}

function normalizeWorkers(value: unknown): number | 'auto' {
  if (value === 'auto') return 'auto';
  return integerAtLeast(value, 1, DEFAULT_SETTINGS.workers as number);
}

function integerAtLeast(value: unknown, minimum: number, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= minimum ? value : fallback;
}
