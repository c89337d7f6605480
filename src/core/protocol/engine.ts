// The contract between a parent (CLI or extension host) and the engine child process.
// Plain JSON over Node's IPC channel, discriminated on `type`, checked on arrival.

import type { EndpointStats, IntervalSnapshot, ResolvedLoadModel, RunResult, ShardInterval, ShardSpec } from '../metrics/result';

export const ENGINE_PROTOCOL_VERSION = 1;

/** What the parent may override; each field beats the scenario file (CLI flags, run options). */
export interface RunOptions {
  host?: string;
  /** The host when neither `host` nor the file's `# @host` gives one (the extension's loadlens.host setting). */
  defaultHost?: string;
  users?: number;
  spawnRate?: number;
  runTimeMs?: number;
  /** Open model: task iterations per second. */
  rate?: number;
  stopTimeoutMs?: number;
  /** Worker threads generating load; `auto` = one per core. Default 1. */
  workers?: number | 'auto';
  seed?: number;
  /** Accept self-signed TLS certificates. */
  insecure?: boolean;
  /** Threshold rules (scenario syntax) used when the file has none. */
  defaultThresholds?: string[];
  /** Per-name intervals in the history as well as the aggregate (always sent live). */
  fullHistory?: boolean;
  /**
   * An earlier run's statistics, for rules relative to a baseline (`p95 < baseline + 10%`),
   * judged at the end and by `abort`; without it such rules give no verdict.
   */
  baseline?: { endpoints: EndpointStats[]; aggregate: EndpointStats };
  /** The environment of `http-client.env.json` to use (docs/scenario-environments.md, Environments); absent: none. */
  environment?: string;
  /**
   * VS Code's `rest-client.environmentVariables` setting (its JSON object), the environments when
   * no environment file is found for the scenario (src/engine/environment-files.ts).
   */
  environmentSetting?: Record<string, unknown>;
  /** `--var NAME=VALUE`: variables that beat the environment and the file's `@name = value` lines. */
  variables?: Record<string, string>;
  /** Variables of the run environment for `$processEnv` (default: the engine's own env). */
  env?: Record<string, string>;
  /** Run only this part of the load (docs/scale-out.md); the result keeps what `merge` needs. */
  shard?: ShardSpec;
  /** Unix ms at which the load starts (shards on many machines start together); past or absent: at once. */
  startAt?: number;
  /** A shard of a coordinated run: `abort` rules are judged by the coordinator on the joined numbers, not here. */
  abortJudgedElsewhere?: boolean;
  /**
   * VS Code runs: the origins besides this machine's that a redirect may lead to (those the user
   * confirmed); any other fails with `redirect to unconfirmed host HOST`. Absent: any origin.
   */
  redirectOrigins?: string[];
}

export type EngineCommand =
  | {
      type: 'run/start';
      protocolVersion: number;
      runId: string;
      /** Absolute path; data files, body files and `.env` resolve against its folder. */
      scenarioPath: string;
      scenarioText: string;
      options: RunOptions;
      /**
       * Absolute folders that `# @data` and `< file` may read from (symbolic links followed);
       * absent: the scenario's folder only. See docs/scenario-files.md.
       */
      allowedFolders?: string[];
    }
  | { type: 'run/stop' };

/** Stable error codes that cross the process boundary; words for them live in one place. */
export type EngineErrorCode =
  | 'scenario-invalid'
  | 'no-host'
  | 'no-load-model'
  /** `http-client.env.json` (or its private twin) is broken, or the environment asked for is in none. */
  | 'environment-invalid'
  /** A load value or duration of the options beyond Loadlens's limits (src/core/scenario/limits.ts). */
  | 'over-limit'
  | 'data-unreadable'
  | 'body-unreadable'
  /** A `# @setup` request failed: no load was started (the message names the request and why). */
  | 'setup-failed'
  | 'protocol-mismatch'
  | 'worker-crashed'
  | 'internal';

export type EngineEvent =
  | {
      type: 'run/started';
      runId: string;
      startTime: number;
      load: ResolvedLoadModel;
      /** Planned duration in ms; undefined when the run lasts until stopped. */
      plannedDurationMs?: number;
      host?: string;
      /** Stats names in request order. */
      requestNames: string[];
      /** How long running iterations may finish after a stop (so the parent knows when to give up). */
      stopTimeoutMs?: number;
      /** Worker threads generating the load. */
      workers?: number;
    }
  /** `partials`: for a shard only (options.shard), the workers' own numbers, for joining shards exactly. */
  | { type: 'run/interval'; runId: string; snapshot: IntervalSnapshot; partials?: ShardInterval }
  | { type: 'run/threshold-abort'; runId: string; rule: string; target: string }
  | { type: 'run/finished'; runId: string; result: RunResult }
  | { type: 'run/error'; runId?: string; code: EngineErrorCode; message: string; detail?: string }
  | { type: 'run/log'; level: 'info' | 'warn' | 'error'; message: string };
