// `loadlens import curl|har|openapi|postman SOURCE [-o OUT.load.http] [--host URL]`: reads the
// source, converts it with src/core/import (pure), writes the scenario (stdout without -o) and
// any side files, and lists on standard error what could not be carried over.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { checkScenario } from '../../core/scenario';
import { importCurl, ImportError, importHar, importOpenApi, importPostman, parseOpenApiText, type ImportOutput } from '../../core/import';
import { commandLineFileAccess } from '../../engine/file-access';
import { openApiDereferencer } from '../../engine/openapi-loader';
import { parseArgs, type ParsedArgs } from '../args';
import { CliFailure, ExitCode, UsageError } from '../exit-codes';
import { escapeControls } from '../format';
import { formatCommandHelp, HELP_OPTION, type CommandHelp } from '../help';
import { checkLoadedScenario, formatDiagnostic, readUserFile, sortDiagnostics } from '../scenario-file';

export const IMPORT_HELP: CommandHelp = {
  usage: 'loadlens import curl|har|openapi|postman SOURCE [-o OUT.load.http] [--host URL]',
  summary:
    'Write a load scenario from what you already have: a curl command (SOURCE is the command, or -\n' +
    'for standard input), a HAR 1.2 recording, an OpenAPI 3.x document (JSON or YAML) or a Postman\n' +
    'collection v2.1. Without -o the scenario goes to standard output. What cannot be carried over\n' +
    'is a comment in the scenario and a line on standard error. Exit 2 when SOURCE cannot be read.',
  options: [
    { name: 'output', short: 'o', value: 'FILE', description: 'write the scenario to FILE (bodies that need a file of their own go beside it)' },
    { name: 'host', value: 'URL', description: "the scenario's # @host instead of the source's own server" },
    { name: 'keep-static', description: 'har: keep images, fonts, scripts, styles and media' },
    { name: 'keep-origin', value: 'ORIGIN|all', description: 'har: keep requests to these origins too (comma-separated), or to all' },
    { name: 'environment', value: 'FILE', description: 'postman: a Postman environment export; its values go to http-client.env.json beside the scenario' },
    HELP_OPTION,
  ],
  examples: [
    "loadlens import curl \"curl -X POST http://localhost:8888/hospital -H 'Content-Type: application/json' -d '{\\\"name\\\":\\\"A\\\",\\\"beds\\\":3}'\" -o hospital.load.http",
    'pbpaste | loadlens import curl - -o copied.load.http',
    'loadlens import har session.har -o session.load.http --keep-origin https://api.example.com',
    'loadlens import openapi openapi.yaml -o api.load.http --host http://localhost:8080',
    'loadlens import postman api.postman_collection.json --environment dev.postman_environment.json -o api.load.http',
  ],
};

const KINDS = ['curl', 'har', 'openapi', 'postman'] as const;
type Kind = (typeof KINDS)[number];

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch (error) {
    throw new CliFailure(`cannot read standard input: ${(error as Error).message}.`, ExitCode.usage);
  }
}

function readOptional(path: string): Uint8Array | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

function readSource(source: string, what: string): string {
  return source === '-' ? readStdin() : readUserFile(source, what);
}

/** JSON documents (HAR, Postman): a syntax error names the place. */
function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ImportError(`not JSON, so not a ${what}: ${(error as Error).message}`);
  }
}

function keptOrigins(value: string | undefined): readonly string[] | 'all' | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === 'all') return 'all';
  const origins = value.split(',').map((item) => item.trim()).filter((item) => item !== '');
  for (const origin of origins) {
    if (!/^https?:\/\/[^/\s]+\/?$/i.test(origin)) throw new UsageError(`--keep-origin takes origins such as https://api.example.com (scheme and host, no path) or all; got ${JSON.stringify(origin)}.`);
  }
  return origins;
}

async function convert(kind: Kind, positionals: readonly string[], args: ParsedArgs, sideFilePrefix: string): Promise<ImportOutput> {
  const [source = ''] = positionals;
  const host = args.values.get('host');
  const common = { sideFilePrefix, ...(host !== undefined ? { host } : {}) };
  switch (kind) {
    case 'curl': {
      // `loadlens import curl -- curl -X POST URL ...` hands over words the shell already split.
      const command = positionals.length > 1 ? positionals : source === '-' ? readStdin() : source;
      return importCurl(command, { ...common, readFile: readOptional });
    }
    case 'har': {
      const keepOrigins = keptOrigins(args.values.get('keep-origin'));
      const document = parseJson(readSource(source, 'HAR file'), 'HAR file');
      return importHar(document, { ...common, keepStatic: args.flags.has('keep-static'), ...(keepOrigins ? { keepOrigins } : {}) });
    }
    case 'openapi':
      return importOpenApi(parseOpenApiText(readSource(source, 'OpenAPI document')), { ...common, dereference: openApiDereferencer });
    case 'postman': {
      const environmentFile = args.values.get('environment');
      const collection = parseJson(readSource(source, 'Postman collection'), 'Postman collection');
      const environment = environmentFile !== undefined ? parseJson(readUserFile(environmentFile, 'Postman environment'), 'Postman environment') : undefined;
      return importPostman(collection, { ...common, ...(environment !== undefined ? { environment } : {}) });
    }
  }
}

function sideFilePrefixFor(output: string | undefined): string {
  if (output === undefined) return 'imported';
  return basename(output).replace(/\.load\.http$/, '').replace(/\.http$/, '') || 'imported';
}

function checkHost(host: string | undefined): void {
  if (host !== undefined && !/^https?:\/\/[^/\s]+/i.test(host)) {
    throw new UsageError(`--host needs an http:// or https:// URL, e.g. --host http://localhost:8888 (got ${JSON.stringify(host)}).`);
  }
}

export async function runImport(argv: readonly string[]): Promise<ExitCode> {
  const args = parseArgs(argv, IMPORT_HELP.options, 'import');
  if (args.flags.has('help')) {
    process.stdout.write(formatCommandHelp(IMPORT_HELP));
    return ExitCode.ok;
  }
  const [kind, ...sources] = args.positionals;
  if (kind === undefined) throw new UsageError(`what to import? Usage: ${IMPORT_HELP.usage}`);
  if (!(KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(`cannot import '${kind}': the kinds are ${KINDS.join(', ')}. Usage: ${IMPORT_HELP.usage}`);
  }
  if (sources.length === 0) throw new UsageError(`which ${kind}? Give it as SOURCE (or - for standard input). Usage: ${IMPORT_HELP.usage}`);
  checkHost(args.values.get('host'));
  if (kind !== 'curl' && sources.length > 1) throw new UsageError(`\`loadlens import ${kind}\` takes one SOURCE file, got ${sources.length}: ${sources.join(' ')}.`);
  const output = args.values.get('output');
  let result: ImportOutput;
  try {
    result = await convert(kind as Kind, sources, args, sideFilePrefixFor(output));
  } catch (error) {
    if (error instanceof ImportError) throw new CliFailure(`cannot import ${describeSource(kind, sources)}: ${error.message}.`, ExitCode.usage);
    throw error;
  }
  const folder = output === undefined ? process.cwd() : dirname(resolve(output));
  for (const file of result.sideFiles) writeOut(join(folder, file.name), file.bytes);
  if (result.environments) mergeEnvironments(join(folder, 'http-client.env.json'), result.environments);
  if (output === undefined) process.stdout.write(result.scenario);
  else writeOut(output, result.scenario);
  reportNotes(result, output);
  reportProblems(result.scenario, output);
  return ExitCode.ok;
}

function describeSource(kind: string, sources: readonly string[]): string {
  if (kind === 'curl') return 'the curl command';
  return sources[0] === '-' ? 'standard input' : (sources[0] ?? '');
}

function writeOut(path: string, content: string | Uint8Array): void {
  try {
    writeFileSync(path, content);
  } catch (error) {
    throw new CliFailure(`cannot write ${path}: ${(error as Error).message}. Choose another place with -o FILE.`, ExitCode.runFailed);
  }
}

/** Adds the environments to `http-client.env.json`, keeping the others it holds; an environment of the same name is replaced. */
function mergeEnvironments(path: string, environments: Record<string, Record<string, string>>): void {
  let existing: Record<string, unknown> = {};
  if (existsSync(path)) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      existing = parsed as Record<string, unknown>;
    } catch (error) {
      throw new CliFailure(`${path} is there but is not a JSON object (${(error as Error).message}): fix or move it, then import again.`, ExitCode.usage);
    }
  }
  writeOut(path, `${JSON.stringify({ ...existing, ...environments }, null, 2)}\n`);
  process.stderr.write(`loadlens import: wrote the environment${Object.keys(environments).length === 1 ? '' : 's'} ${Object.keys(environments).join(', ')} to ${path}.\n`);
}

function reportNotes(result: ImportOutput, output: string | undefined): void {
  for (const note of result.notes) process.stderr.write(`note: ${escapeControls(note)}\n`);
  const target = output ?? 'standard output';
  const left = result.notes.length;
  process.stderr.write(`loadlens import: wrote ${target}${left ? `; ${left} note${left === 1 ? '' : 's'} above, also as comments in the scenario` : ''}.\n`);
}

/** Every import must pass `check`; a failure here is a bug of the importer, said as such. */
function reportProblems(text: string, output: string | undefined): void {
  const file = output ?? 'imported.load.http';
  const { diagnostics } =
    output !== undefined ? checkLoadedScenario({ displayPath: output, absolutePath: resolve(output), text, access: commandLineFileAccess(output, []) }) : checkScenario(text);
  const errors = sortDiagnostics(diagnostics).filter((diagnostic) => diagnostic.severity === 'error');
  for (const diagnostic of errors) process.stderr.write(`${formatDiagnostic(file, diagnostic)}\n`);
  if (errors.length) process.stderr.write('loadlens import: the scenario above does not pass `loadlens check`: please report this with the source.\n');
}
