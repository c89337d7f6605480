// Finding and reading `http-client.env.json` and `http-client.private.env.json` for a scenario:
// beside it, else in the nearest folder above it that holds either file, never above the folders
// a scenario may read (./file-access.ts, the one rule for every file a scenario brings in). The
// JSON is read with jsonc-parser (the parser VS Code itself uses for its JSON files): it tolerates
// comments as the editors of these files do, and says where a mistake is without echoing the
// file, which may hold secrets.
import { statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { collectEnvironments, NO_ENVIRONMENTS, type EnvironmentFileProblem, type EnvironmentSource, type FoundEnvironments } from '../core/plan';
import { readScenarioFile, resolveScenarioFile, type FileAccess } from './file-access';

export const PUBLIC_ENVIRONMENT_FILE = 'http-client.env.json';
export const PRIVATE_ENVIRONMENT_FILE = 'http-client.private.env.json';

/** Plenty for any real environment file; a larger one is refused rather than read whole. */
const MAX_ENVIRONMENT_FILE_BYTES = 1024 * 1024;

const WORDS: Partial<Record<string, string>> = {
  InvalidSymbol: 'a character that JSON does not allow here',
  InvalidNumberFormat: 'a malformed number',
  PropertyNameExpected: 'a "name" in double quotes expected',
  ValueExpected: 'a value expected',
  ColonExpected: 'a colon expected',
  CommaExpected: 'a comma expected',
  CloseBraceExpected: 'a closing } expected',
  CloseBracketExpected: 'a closing ] expected',
  EndOfFileExpected: 'nothing more expected after the top-level object',
  UnexpectedEndOfComment: 'a comment that never ends',
  UnexpectedEndOfString: 'a string that never ends (a missing closing ")',
  InvalidEscapeCharacter: 'an invalid escape in a string',
  InvalidCharacter: 'a control character inside a string',
};

/** 1-based line and column of an offset. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

/** The file's JSON, or where and why it is not JSON (never what it holds). */
export function parseEnvironmentFile(text: string, file: string): { content: unknown } | { problem: EnvironmentFileProblem } {
  const errors: ParseError[] = [];
  const content: unknown = parse(text.replace(/^\uFEFF/, ''), errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  if (!first) return { content };
  const code = printParseErrorCode(first.error);
  const where = position(text.replace(/^\uFEFF/, ''), first.offset);
  return { problem: { file, ...where, severity: 'error', message: `not valid JSON: ${WORDS[code] ?? code}` } };
}

type Lookup = { found: string } | { missing: true } | { stop: true; problem?: EnvironmentFileProblem };

/** Inside one of the folders a scenario may read, as written (the search never looks above them). */
function readable(folder: string, access: FileAccess): boolean {
  return access.folders.some((allowed) => {
    const rel = relative(allowed, folder);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  });
}

function lookUp(scenarioPath: string, folder: string, name: string, access: FileAccess): Lookup {
  const written = relative(dirname(scenarioPath), join(folder, name)) || name;
  const verdict = resolveScenarioFile(scenarioPath, written, access);
  if (verdict.ok) return { found: join(folder, name) };
  if (verdict.refusal === 'missing') return { missing: true };
  // In a readable folder yet refused: a link that leads elsewhere, a folder of that name. Said, not skipped.
  return { stop: true, problem: { file: join(folder, name), severity: 'error', message: verdict.message } };
}

function readSource(scenarioPath: string, file: string, secret: boolean, access: FileAccess): EnvironmentSource | EnvironmentFileProblem {
  let text: string;
  try {
    const bytes = readScenarioFile(scenarioPath, relative(dirname(scenarioPath), file), access, MAX_ENVIRONMENT_FILE_BYTES + 1);
    if (bytes.length > MAX_ENVIRONMENT_FILE_BYTES) return { file, severity: 'error', message: `larger than ${MAX_ENVIRONMENT_FILE_BYTES / 1024 / 1024} MB: an environment file holds a few variables` };
    text = bytes.toString('utf8');
  } catch (error) {
    return { file, severity: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  const parsed = parseEnvironmentFile(text, file);
  return 'problem' in parsed ? parsed.problem : { file, content: parsed.content, secret };
}

/**
 * The environments of the nearest folder, from the scenario's own up, that holds either file;
 * both files are read from that folder only (a file further up is not merged in). `probed`
 * gets every path looked at, found or not, before it is read (EnvironmentFilesCache).
 */
export function findEnvironments(scenarioPath: string, access: FileAccess, probed?: { push(...paths: string[]): unknown }): FoundEnvironments {
  let folder = dirname(scenarioPath);
  for (;;) {
    // Above the readable folders: the search ends, as a scenario may not look further up.
    if (!readable(folder, access)) return NO_ENVIRONMENTS;
    probed?.push(join(folder, PUBLIC_ENVIRONMENT_FILE), join(folder, PRIVATE_ENVIRONMENT_FILE));
    const lookups = [lookUp(scenarioPath, folder, PUBLIC_ENVIRONMENT_FILE, access), lookUp(scenarioPath, folder, PRIVATE_ENVIRONMENT_FILE, access)];
    const stopped = lookups.flatMap((lookup) => ('stop' in lookup && lookup.problem ? [lookup.problem] : []));
    const files = lookups.flatMap((lookup, index) => ('found' in lookup ? [{ file: lookup.found, secret: index === 1 }] : []));
    if (files.length > 0 || stopped.length > 0) {
      const sources: EnvironmentSource[] = [];
      const problems: EnvironmentFileProblem[] = [...stopped];
      for (const { file, secret } of files) {
        const read = readSource(scenarioPath, file, secret, access);
        if ('content' in read) sources.push(read);
        else problems.push(read);
      }
      const found = collectEnvironments(sources);
      return { ...found, files: files.map(({ file }) => file), problems: [...problems, ...found.problems] };
    }
    const parent = dirname(folder);
    if (parent === folder) return NO_ENVIRONMENTS;
    folder = parent;
  }
}

/** Where the setting's environments are said to come from, in messages. */
export const ENVIRONMENT_SETTING_NAME = 'the rest-client.environmentVariables setting';

/**
 * The environments of a run: the files found for the scenario, else VS Code's
 * `rest-client.environmentVariables` setting when one is given (it is read the same way; its
 * values are not private, as REST Client keeps them in settings.json).
 */
export function environmentsFor(scenarioPath: string, access: FileAccess, setting?: unknown, cache?: EnvironmentFilesCache): FoundEnvironments {
  const found = cache ? cache.find(scenarioPath, access) : findEnvironments(scenarioPath, access);
  if (found.files.length > 0 || found.problems.length > 0) return found;
  return environmentsFromSetting(setting);
}

/** The setting's environments alone (an untitled document has no folder to look in). */
export function environmentsFromSetting(setting: unknown): FoundEnvironments {
  return setting === undefined ? NO_ENVIRONMENTS : collectEnvironments([{ file: ENVIRONMENT_SETTING_NAME, content: setting, secret: false }]);
}

/** Scenarios whose lookups a cache keeps; past this it starts again (an editor has a few open). */
const MAX_CACHED_SCENARIOS = 256;

/** What a path is now: `-` when nothing is there, else its inode, size and modification time (links followed). */
function stampOf(path: string): string {
  try {
    const stat = statSync(path, { throwIfNoEntry: false });
    return stat ? `${stat.ino}:${stat.size}:${stat.mtimeMs}` : '-';
  } catch {
    return '?';
  }
}

const stampsOf = (paths: readonly string[]): string => paths.map(stampOf).join('|');

/**
 * The paths a lookup looks at, each stamped when it is looked at, before it is read: a write
 * between the read and a later stamp would keep the old content under the new stamp for good,
 * while a write after this stamp only costs one more read at the next lookup.
 */
class StampedPaths {
  readonly paths: string[] = [];
  private readonly stamps: string[] = [];

  push(...paths: string[]): void {
    for (const path of paths) {
      this.paths.push(path);
      this.stamps.push(stampOf(path));
    }
  }

  stamp(): string {
    return this.stamps.join('|');
  }
}

/**
 * findEnvironments for an editor, which asks on every re-check and hover: a scenario's lookup is
 * kept and given again while every path it looked at (the files it read, and the nearer places
 * where a file could appear) has the same inode, size and modification time. A few stat calls
 * instead of reading and parsing the files, and an edit, a new file or a deleted one is seen at once.
 */
export class EnvironmentFilesCache {
  private readonly entries = new Map<string, { found: FoundEnvironments; probed: string[]; stamps: string }>();

  find(scenarioPath: string, access: FileAccess): FoundEnvironments {
    const key = `${scenarioPath}\0${access.folders.join('\0')}`;
    const entry = this.entries.get(key);
    if (entry && stampsOf(entry.probed) === entry.stamps) return entry.found;
    const probed = new StampedPaths();
    const found = findEnvironments(scenarioPath, access, probed);
    if (this.entries.size >= MAX_CACHED_SCENARIOS) this.entries.clear();
    this.entries.set(key, { found, probed: probed.paths, stamps: probed.stamp() });
    return found;
  }

  /** A file watcher saw a change: the next lookups read the files again. */
  clear(): void {
    this.entries.clear();
  }
}
