// Environments as REST Client, httpYac and the JetBrains HTTP Client keep them: named sets of
// variables in `http-client.env.json` (values for everyone) and `http-client.private.env.json`
// (secrets), `$shared` applying to every environment (docs/scenario-environments.md, Environments).
// Pure: the files are found and parsed by src/engine/environment-files.ts, VS Code's
// `rest-client.environmentVariables` setting comes from src/vscode; both arrive here as objects.
import { parseTemplate, type FileVariable, type OutsideVariables, type Range } from '../scenario';

/** The environment every other one includes. */
export const SHARED_ENVIRONMENT = '$shared';

export interface EnvironmentValue {
  value: string;
  /** From the private file: never shown, never in a report (./secrets.ts). */
  secret: boolean;
}

/** A problem of an environment file: where (1-based line and column, when known) and what. */
export interface EnvironmentFileProblem {
  file: string;
  line?: number;
  column?: number;
  /** `error`: the file cannot be used (a run stops); `warning`: a value was left out. */
  severity: 'error' | 'warning';
  message: string;
}

/** One source of environments: a parsed file or the setting, as its JSON object. */
export interface EnvironmentSource {
  /** A path for messages (the file, or the setting's name). */
  file: string;
  content: unknown;
  secret: boolean;
}

export interface FoundEnvironments {
  /** The files (or setting) the environments come from; empty when none was found. */
  files: string[];
  /** Environment names in the order the files give them, without `$shared`. */
  names: string[];
  /** Values by environment (`$shared` included), the private file's over the public one's. */
  values: ReadonlyMap<string, ReadonlyMap<string, EnvironmentValue>>;
  /** Broken files and values left out; a broken file stops a run (src/core/plan/plan-run.ts). */
  problems: EnvironmentFileProblem[];
}

export const NO_ENVIRONMENTS: FoundEnvironments = { files: [], names: [], values: new Map(), problems: [] };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Merges the sources (the public file first, then the private one). Strings, numbers and
 * booleans are values; anything else (the JetBrains client's auth objects) is left out with a note.
 */
export function collectEnvironments(sources: readonly EnvironmentSource[]): FoundEnvironments {
  const values = new Map<string, Map<string, EnvironmentValue>>();
  const names: string[] = [];
  const problems: EnvironmentFileProblem[] = [];
  for (const source of sources) {
    if (!isObject(source.content)) {
      problems.push({ file: source.file, severity: 'error', message: 'must hold one JSON object whose keys are environment names, e.g. { "dev": { "host": "http://localhost:8888" } }' });
      continue;
    }
    for (const [environment, variables] of Object.entries(source.content)) {
      if (!isObject(variables)) {
        problems.push({ file: source.file, severity: 'error', message: `the environment '${environment}' must be an object of "name": "value" pairs` });
        continue;
      }
      if (environment !== SHARED_ENVIRONMENT && !names.includes(environment)) names.push(environment);
      const target = values.get(environment) ?? new Map<string, EnvironmentValue>();
      values.set(environment, target);
      for (const [name, value] of Object.entries(variables)) {
        if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') target.set(name, { value: String(value), secret: source.secret });
        // The value itself is never quoted: it may be a secret.
        else problems.push({ file: source.file, severity: 'warning', message: `'${name}' in '${environment}' is not a string, number or boolean: left out` });
      }
    }
  }
  return { files: sources.map((source) => source.file), names, values, problems };
}

const SHARED_REFERENCE = /\{\{\s*\$shared\s+([^\s}]+)\s*\}\}/g;

/**
 * The variables of one environment, `$shared`'s below its own; none chosen: `$shared`'s alone (as
 * REST Client's "No Environment"). `{{$shared name}}` inside a value is replaced by that value.
 */
export function environmentValues(found: FoundEnvironments, chosen: string | undefined): Map<string, EnvironmentValue> {
  const shared = found.values.get(SHARED_ENVIRONMENT) ?? new Map<string, EnvironmentValue>();
  const own = chosen === undefined ? undefined : found.values.get(chosen);
  const merged = new Map<string, EnvironmentValue>([...shared, ...(own ?? [])]);
  for (const [name, entry] of merged) {
    let secret = entry.secret;
    const value = entry.value.replace(SHARED_REFERENCE, (whole, sharedName: string) => {
      const referenced = shared.get(sharedName);
      if (!referenced) return whole;
      secret ||= referenced.secret;
      return referenced.value;
    });
    merged.set(name, { value, secret });
  }
  return merged;
}

/** Names per environment, `$shared`'s in each, for checks and the editor's hover. */
export function namesByEnvironment(found: FoundEnvironments): Map<string, Set<string>> {
  return new Map(found.names.map((name) => [name, new Set(environmentValues(found, name).keys())]));
}

/** What a check needs to know of the variables from outside the file. */
export function outsideVariables(found: FoundEnvironments, chosen: string | undefined, variables: Record<string, string> | undefined, noneChosen: OutsideVariables['noneChosen']): OutsideVariables {
  const defined = new Set([...environmentValues(found, chosen).keys(), ...Object.keys(variables ?? {})]);
  return { defined, chosen, environments: namesByEnvironment(found), noneChosen };
}

const NOWHERE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function asFileVariable(name: string, value: string): FileVariable {
  return { name, value: parseTemplate(value), range: NOWHERE, nameRange: NOWHERE };
}

/**
 * The variables a run compiles its templates with, lowest first (the compiler lets a later
 * definition win): the environment, the file's `@name = value` lines, then `--var`.
 */
export function runVariables(fileVariables: readonly FileVariable[], environment: ReadonlyMap<string, EnvironmentValue>, variables: Record<string, string> | undefined): FileVariable[] {
  return [
    ...[...environment].map(([name, entry]) => asFileVariable(name, entry.value)),
    ...fileVariables,
    ...Object.entries(variables ?? {}).map(([name, value]) => asFileVariable(name, value)),
  ];
}

/** The private values of an environment, for ./secrets.ts. */
export function secretValues(environment: ReadonlyMap<string, EnvironmentValue>): string[] {
  return [...environment.values()].filter((entry) => entry.secret && entry.value !== '').map((entry) => entry.value);
}

/** `'dev', 'staging'` or `none`, for messages. */
export function listEnvironments(found: FoundEnvironments): string {
  return found.names.length === 0 ? 'none' : found.names.map((name) => `'${name}'`).join(', ');
}

/**
 * The one message for an environment that no file defines (`run`, `check`, `coordinate`,
 * `kubernetes`, VS Code's Run and Send Request): which files were read and the names they hold.
 * Undefined when `chosen` is none or is defined.
 */
export function unknownEnvironmentMessage(found: FoundEnvironments, chosen: string | undefined): string | undefined {
  if (chosen === undefined || found.names.includes(chosen)) return undefined;
  if (found.files.length === 0) {
    return `no environment '${chosen}': no http-client.env.json or http-client.private.env.json was found beside the scenario or in a folder above it that Loadlens may read`;
  }
  return `no environment '${chosen}' in ${found.files.join(' or ')}: the environments found are ${listEnvironments(found)}`;
}

/** One environment's definition of a name, as an editor may show it: a private value never is. */
export interface EnvironmentDefinition {
  environment: string;
  /** Undefined for a private value (it is not shown). */
  value: string | undefined;
  chosen: boolean;
}

/** Which environments define `name` (`$shared` alone when no named one exists), for hover and completion. */
export function definitionsOf(found: FoundEnvironments, name: string, chosen: string | undefined): EnvironmentDefinition[] {
  const environments = found.names.length > 0 ? found.names : found.values.has(SHARED_ENVIRONMENT) ? [SHARED_ENVIRONMENT] : [];
  return environments.flatMap((environment) => {
    const entry = environmentValues(found, environment === SHARED_ENVIRONMENT ? undefined : environment).get(name);
    return entry ? [{ environment, value: entry.secret ? undefined : entry.value, chosen: environment === chosen }] : [];
  });
}

/** Every name some environment (or `$shared`) defines, sorted. */
export function environmentVariableNames(found: FoundEnvironments): string[] {
  const names = new Set<string>();
  for (const values of found.values.values()) for (const name of values.keys()) names.add(name);
  return [...names].sort();
}
