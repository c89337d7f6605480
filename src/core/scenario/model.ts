// The scenario model: what the parser makes of a `*.load.http` file (docs/scenario-format.md).
// Every element keeps its exact source range so that the editor, the CLI and the run results can
// point back at the line the user wrote. Ranges are 0-based, end-exclusive, as in VS Code.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info';

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A fix the editor can offer for a diagnostic (a VS Code quick fix). */
export interface QuickFix {
  title: string;
  edits: TextEdit[];
}

export interface Diagnostic {
  range: Range;
  severity: Severity;
  message: string;
  /** Stable identifier of the rule, e.g. `unknown-variable`, `bad-url`. */
  code: string;
  fixes?: QuickFix[];
}

/** Milliseconds. */
export type DurationMs = number;

/** One piece of a `{{...}}`-template. Text parts hold literal text; the rest are references. */
export type TemplatePart =
  | { kind: 'text'; text: string }
  | { kind: 'variable'; name: string; range: Range }
  | { kind: 'system'; fn: SystemFunction; args: string[]; range: Range }
  | { kind: 'data'; binding: string; column: string; range: Range }
  | {
      kind: 'response';
      request: string;
      /** `body` with a JSONPath (`$`, `$.a[0].b`) or `*` for the whole body; `headers` with a header name. */
      source: 'body' | 'headers';
      path: string;
      range: Range;
    };

export type SystemFunction =
  | 'randomInt'
  | 'guid'
  | 'uuid'
  | 'timestamp'
  | 'datetime'
  | 'localDatetime'
  | 'isoTimestamp'
  | 'processEnv'
  | 'dotenv';

/** A template: the raw text as written and its parts. A template without references is one text part. */
export interface Template {
  raw: string;
  parts: TemplatePart[];
  range: Range;
}

export interface FileVariable {
  name: string;
  value: Template;
  /** The whole `@name = value` line. */
  range: Range;
  nameRange: Range;
}

/** A parsed `# @directive args` line (kept for hover, completion and diagnostics). */
export interface Directive {
  name: string;
  args: string;
  range: Range;
  nameRange: Range;
  argsRange: Range;
  /** `header` for lines before the first `###`, else the index of the request block it is in. */
  scope: 'header' | number;
}

export interface ThinkTime {
  minMs: DurationMs;
  maxMs: DurationMs;
}

export interface Stage {
  durationMs: DurationMs;
  /** Users, or arrivals per second, depending on the stages' kind. */
  target: number;
  range: Range;
}

/** Exactly one load model per run. */
export type LoadModel =
  | {
      kind: 'users';
      users: number;
      /** Users started (and stopped) per second; undefined = all at once. */
      spawnRate?: number;
      runTimeMs?: DurationMs;
    }
  | {
      kind: 'rate';
      /** Task iterations started per second. */
      rate: number;
      runTimeMs?: DurationMs;
      maxUsers: number;
    }
  | {
      kind: 'stages';
      target: 'users' | 'rate';
      stages: Stage[];
      /** For `rate` stages: the cap on concurrent iterations. */
      maxUsers: number;
    };

export type ThresholdMetric =
  | { kind: 'avg' }
  | { kind: 'min' }
  | { kind: 'max' }
  | { kind: 'percentile'; percentile: number }
  | { kind: 'errors' }
  | { kind: 'rps' };

export type ThresholdOp = '<' | '<=' | '>' | '>=';

export interface Threshold {
  /** The rule as written, e.g. `p95 < 500ms`. */
  text: string;
  metric: ThresholdMetric;
  op: ThresholdOp;
  /**
   * Milliseconds for latency metrics, percent (0-100) for `errors`, requests/s for `rps`. For a
   * rule relative to a baseline (`p95 < baseline + 10%`) it is the signed offset, see `baseline`.
   */
  value: number;
  /**
   * Present for a rule written against a baseline run: the limit of each target is the baseline's
   * value plus `value`, where `relative` makes `value` a percentage of the baseline's value
   * (`+ 10%` on p95 or rps) and otherwise an amount in the metric's unit (`+ 50ms`, `+ 0.5%` of
   * error rate, `- 20` req/s).
   */
  baseline?: { relative: boolean };
  severity: 'error' | 'warn';
  abort: boolean;
  /** The directive line; for default rules (from settings) there is none. */
  range?: Range;
  /** `header` rules apply to every request and the aggregate; a number is a request index. */
  scope: 'header' | number;
}

/** `@expect status` as a list of inclusive ranges: `2xx` is [200, 299], `201` is [201, 201]. */
export interface StatusExpectation {
  ranges: Array<[number, number]>;
  text: string;
  range: Range;
}

/** What a `??` check looks at (docs/scenario-checks.md, "Checks"). */
export type CheckField =
  | { kind: 'status' }
  | { kind: 'header'; name: string }
  /** `path` undefined: the whole body as text; else a JSONPath (`$.a[0].b`). */
  | { kind: 'body'; path?: string }
  | { kind: 'duration' };

export type CheckOperator =
  | '=='
  | '!='
  | '>'
  | '>='
  | '<'
  | '<='
  | 'startsWith'
  | 'endsWith'
  | 'includes'
  | 'contains'
  | 'matches'
  | 'exists'
  | 'isTrue'
  | 'isFalse'
  | 'isNumber'
  | 'isBoolean'
  | 'isString'
  | 'isArray';

/** The VALUE of a check: JSON when it parses as JSON, else the literal text. */
export type CheckValue = { kind: 'json'; value: unknown; text: string } | { kind: 'text'; text: string };

/** One `?? FIELD [ARG] OPERATOR [VALUE]` line. */
export interface ResponseCheck {
  /** The check as written, without `??`: `status == 200`. Failure texts start with it. */
  text: string;
  field: CheckField;
  operator: CheckOperator;
  value?: CheckValue;
  /** For `matches`: the pattern and flags (compiled at run time; `check` made sure they compile). */
  pattern?: { source: string; flags: string };
  /** The whole `??` line, trimmed. */
  range: Range;
}

export interface HeaderLine {
  name: string;
  value: Template;
  range: Range;
}

export interface BodyFilePart {
  path: string;
  /** The `< ./file` line. */
  range: Range;
}

export type RequestBody =
  /** `parts`: the `< ./file` lines of a multipart body, whose files replace them when sent. */
  | { kind: 'inline'; template: Template; range: Range; parts?: BodyFilePart[] }
  /** `< ./file`; `<@ ./file` (REST Client: the file's {{variables}} processed) sets `variables`, `<@latin1` also `encoding`. */
  | { kind: 'file'; path: string; range: Range; variables?: boolean; encoding?: string };

/** The seven common methods, or any other token method written in capitals (`PROPFIND`, `PURGE`). */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS' | (string & {});

export interface RequestBlock {
  /** Position in the file, 0-based, counting request blocks only. */
  index: number;
  /** Text after `###`, trimmed; undefined when empty. */
  title?: string;
  /** `# @name ID`. */
  name?: string;
  /** The name in every table and report: the title, else `METHOD URL` with templates unexpanded. */
  statsName: string;
  method: HttpMethod;
  url: Template;
  httpVersion?: string;
  headers: HeaderLine[];
  body?: RequestBody;
  expect?: StatusExpectation;
  /** `??` lines after the request line, in file order; absent when there are none. */
  checks?: ResponseCheck[];
  thresholds: Threshold[];
  think?: ThinkTime;
  timeoutMs?: DurationMs;
  /** `# @no-redirect` in the block: a 3xx answer is this request's result. */
  noRedirect?: boolean;
  /** `# @no-cookie-jar` in the block: this request neither sends the user's cookies nor keeps new ones. */
  noCookieJar?: boolean;
  /** From the `###` line (or the first line of the block) to its last line. */
  range: Range;
  /** The `METHOD URL` line. */
  requestLineRange: Range;
}

export interface Task {
  weight: number;
  /** Indexes into `Scenario.requests`, in file order. */
  requests: number[];
  /** The `# @task` directive, absent for the implicit single task. */
  range?: Range;
}

/**
 * `# @on-start` or `# @setup`: the block with the directive and the blocks below it up to the next
 * `@task`, `@on-start` or `@setup` (docs/scenario-tasks.md, "Per-user start and run-once setup").
 */
export interface RequestSequence {
  /** Indexes into `Scenario.requests`, in file order. */
  requests: number[];
  /** The directive that starts the sequence. */
  range: Range;
}

export interface DataBinding {
  /** The path as written, relative to the scenario file. */
  file: string;
  name: string;
  random: boolean;
  range: Range;
}

export interface Scenario {
  variables: FileVariable[];
  directives: Directive[];
  host?: Template;
  /** Undefined when the file names no load model (the run's options or defaults supply it). */
  load?: LoadModel;
  think?: ThinkTime;
  timeoutMs: DurationMs;
  stopTimeoutMs: DurationMs;
  seed?: number;
  /** `# @no-redirect` in the header: no request follows redirects. */
  noRedirect?: boolean;
  /** `# @no-cookie-jar` in the header: users keep no cookies (a written `Cookie:` header still goes out). */
  noCookieJar?: boolean;
  /** `# @http1`: `https://` stays on HTTP/1.1 (no HTTP/2 through ALPN). */
  http1?: true;
  data: DataBinding[];
  /** Header-level rules; request rules live on each request. */
  thresholds: Threshold[];
  requests: RequestBlock[];
  /** What users repeat; the requests of `onStart` and `setup` are in no task. */
  tasks: Task[];
  /** Run by each virtual user before its first task (open model: at the start of every iteration). */
  onStart?: RequestSequence;
  /** Run once per run (once per shard), before any user starts; its captures are read by every user. */
  setup?: RequestSequence;
  /** Number of lines in the source text. */
  lineCount: number;
  /** Requests read but not load-tested (other protocols, `OPTIONS *`), for the run summary. */
  skipped?: SkippedRequest[];
}

export interface SkippedRequest {
  /** `METHOD URL` as written. */
  name: string;
  /** 1-based line of the request line. */
  line: number;
  reason: string;
}

export interface CheckResult {
  scenario: Scenario;
  diagnostics: Diagnostic[];
}

/**
 * What `check` may ask of the outside world. Core does no I/O; the CLI and the extension
 * pass functions that look at the real file system.
 */
/**
 * Variables a run gets from outside the file: an environment of `http-client.env.json` and
 * `--var` (src/core/plan/environments.ts builds this). Only names: a check never sees a value.
 */
export interface OutsideVariables {
  /** Names the run defines outside the file: the chosen environment's (with `$shared`) and `--var`'s. */
  defined: ReadonlySet<string>;
  /** The chosen environment; undefined when none is. */
  chosen: string | undefined;
  /** Each environment found and the names it defines (with `$shared`'s), for messages and for `any`. */
  environments: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * With none chosen, a name only environments define: `error` for a run (its value is missing),
   * `any` for `loadlens check` without --env (fine when some environment defines it; a warning
   * when none does, as `--var` may still give it).
   */
  noneChosen: 'error' | 'any';
}

export interface CheckEnvironment {
  /** Variables from outside the file; absent: none (only the file's `@name = value` lines). */
  outside?: OutsideVariables;
  /** True when a file (data CSV, request body) exists, path relative to the scenario. */
  fileExists?(relativePath: string): boolean;
  /** The header row of a data file, for `{{binding.column}}` checks; undefined if unreadable. */
  csvColumns?(relativePath: string): string[] | undefined;
  /** The text of a `<@` body file, decoded; undefined when it may not or cannot be read. */
  bodyFileText?(relativePath: string, encoding: 'utf8' | 'latin1'): string | undefined;
}
