// Which files a scenario may read through `# @data` and `< file`: the path, symbolic links
// followed, must name a regular file inside an allowed folder (docs/scenario-files.md,
// "Which files `@data` and `< file` may read"). A scenario is untrusted input: without this rule a file from
// someone else's repository could send ~/.ssh/id_rsa to its host, or have `check` print
// /proc/self/environ. One implementation, used by `check`, the CLI before a run, the engine when
// it reads the files (the authoritative place), Send Request and the editor's diagnostics.
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

export interface FileAccess {
  /** Absolute folders; compared by their real paths (symbolic links followed). */
  folders: readonly string[];
  /** How to allow another folder where this check runs: a flag on the command line, a workspace folder in VS Code. */
  howToAllow: string;
}

export type FileRefusal = 'missing' | 'not-regular' | 'outside' | 'unreadable';

export type FileVerdict = { ok: true; realPath: string } | { ok: false; refusal: FileRefusal; message: string };

/** What the engine allows when its parent named no folders: the scenario's own folder, nothing more. */
export const ENGINE_HOW_TO_ALLOW =
  'allow its folder where the run starts (--allow-path DIR on the command line, a workspace folder in VS Code)';

export function fileAccess(folders: readonly string[], howToAllow: string): FileAccess {
  return { folders: [...new Set(folders.map((folder) => resolve(folder)))], howToAllow };
}

/** The command line's rule: the current directory, the scenario's folder and each `--allow-path DIR`. */
export function commandLineFileAccess(scenarioPath: string, allowPaths: readonly string[], cwd = process.cwd()): FileAccess {
  return fileAccess([cwd, dirname(resolve(cwd, scenarioPath)), ...allowPaths.map((path) => resolve(cwd, path))], 'allow its folder with --allow-path DIR');
}

function realFolder(folder: string): string | undefined {
  try {
    return realpathSync.native(folder);
  } catch {
    return undefined; // A folder that does not exist allows nothing.
  }
}

function isInside(realPath: string, folder: string): boolean {
  const fold = (path: string) => (process.platform === 'win32' ? path.toLowerCase() : path);
  const rel = relative(fold(folder), fold(realPath));
  // The folder itself counts as inside: it is then refused as no regular file, which says more.
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

function describeFolders(access: FileAccess): string {
  return access.folders.length === 0 ? 'none: no folder is open' : access.folders.join(', ');
}

function outside(written: string, shown: string, access: FileAccess): FileVerdict {
  return {
    ok: false,
    refusal: 'outside',
    message: `'${written}' is ${shown}, outside the folders a scenario may read (${describeFolders(access)}): move the file into one of them, or ${access.howToAllow}`,
  };
}

/**
 * Resolves a path as written in a scenario (relative to the scenario's folder) and says whether
 * it may be read. Never reads the file and never opens it (a FIFO would block); messages name the
 * path and the rule, never anything the file holds.
 */
export function resolveScenarioFile(scenarioPath: string, written: string, access: FileAccess): FileVerdict {
  const absolute = resolve(dirname(scenarioPath), written);
  const realFolders = access.folders.map(realFolder).filter((folder): folder is string => folder !== undefined);
  const within = (path: string) => access.folders.some((folder) => isInside(path, folder)) || realFolders.some((folder) => isInside(path, folder));
  // Outside as written: refused before the file system is asked, so a scenario cannot even learn
  // which paths exist elsewhere on the machine.
  if (!within(absolute)) return outside(written, absolute, access);
  let realPath: string;
  try {
    realPath = realpathSync.native(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, refusal: 'missing', message: `'${written}' not found: the path is relative to the scenario file` };
    return { ok: false, refusal: 'unreadable', message: `'${written}' cannot be read (${code ?? 'error'})` };
  }
  if (!realFolders.some((folder) => isInside(realPath, folder))) return outside(written, `${absolute} (which leads to ${realPath})`, access);
  if (!statSync(realPath, { throwIfNoEntry: false })?.isFile()) {
    return { ok: false, refusal: 'not-regular', message: `'${written}' is not a regular file (a folder, device, pipe or socket): name a regular file` };
  }
  return { ok: true, realPath };
}

/** A file a scenario may not read, or that could not be read; the message is safe to show. */
export class FileAccessError extends Error {
  override readonly name = 'FileAccessError';
  constructor(
    message: string,
    readonly refusal: FileRefusal,
  ) {
    super(message);
  }
}

/**
 * Reads a file the scenario names, after the rule allows it. The file is opened without following
 * a last-moment symbolic link and checked again as open (a regular file), so a path swapped
 * between the check and the read is refused rather than read. `maxBytes`: only the file's start.
 */
export function readScenarioFile(scenarioPath: string, written: string, access: FileAccess, maxBytes?: number): Buffer {
  const verdict = resolveScenarioFile(scenarioPath, written, access);
  if (!verdict.ok) throw new FileAccessError(verdict.message, verdict.refusal);
  let descriptor: number;
  try {
    descriptor = openSync(verdict.realPath, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new FileAccessError(`'${written}' cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 'unreadable');
  }
  try {
    if (!fstatSync(descriptor).isFile()) throw new FileAccessError(`'${written}' is not a regular file: name a regular file`, 'not-regular');
    if (maxBytes === undefined) return readFileSync(descriptor);
    const buffer = Buffer.alloc(maxBytes);
    return buffer.subarray(0, readSync(descriptor, buffer, 0, maxBytes, 0));
  } finally {
    closeSync(descriptor);
  }
}
