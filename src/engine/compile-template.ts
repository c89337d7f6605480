// Templates compiled once per run into a list of constant strings and small functions, so that a
// send only joins pieces. A template without run-time references becomes one constant string
// (file variables, `$processEnv` and `$dotenv` are folded in at compile time).

import type { Random } from '../core/schedule/random';
import { randomInt } from '../core/schedule/random';
import { ExpansionLimitError, formatLimit, MAX_EXPANSION_CHARS, MAX_EXPANSION_DEPTH } from '../core/scenario/limits';
import type { FileVariable, SystemFunction, Template, TemplatePart } from '../core/scenario/model';
import { CaptureMissing, jsonPathSteps, valueAt, type StoredResponse } from './captures';
import { datetime, timestamp, uuidFrom } from './dynamic-values';

/** What a render reads: the virtual user's generator, current data rows and kept responses. */
export interface TemplateContext {
  random: Random;
  /** Current row per data binding (indexed like the run's data list). */
  rows: Array<string[] | undefined>;
  /** Last response per request index, only for requests some template references. */
  responses: Array<StoredResponse | undefined>;
}

export interface CompiledTemplate {
  /** The text when it never changes; undefined when it must be rendered per send. */
  constant: string | undefined;
  /** The text before the first part that changes per send (all of it when constant). */
  literalPrefix: string;
  render(ctx: TemplateContext): string;
}

type Piece = string | ((ctx: TemplateContext) => string);

export interface CompileEnvironment {
  variables: readonly FileVariable[];
  env: Record<string, string>;
  dotenv: Record<string, string>;
  /** Data bindings by name: their index and column names. */
  data: ReadonlyMap<string, { index: number; columns: readonly string[] }>;
  /** Request index by `# @name`. */
  requestsByName: ReadonlyMap<string, number>;
}

/** Which kept responses the compiled templates read (filled while compiling). */
export interface CaptureNeeds {
  bodies: Set<number>;
  headers: Set<number>;
}

export { ExpansionLimitError };

/** Characters of fixed text, plus one per part that changes per send. */
function sizeOf(pieces: readonly Piece[]): number {
  let size = 0;
  for (const piece of pieces) size += typeof piece === 'string' ? piece.length : 1;
  return size;
}

export class TemplateCompiler {
  private readonly variables = new Map<string, Template>();
  private readonly compiledVariables = new Map<string, Piece[]>();
  private readonly compiling = new Set<string>();
  readonly needs: CaptureNeeds = { bodies: new Set(), headers: new Set() };

  constructor(private readonly environment: CompileEnvironment) {
    // Later definitions win, as in REST Client.
    for (const variable of environment.variables) this.variables.set(variable.name, variable.value);
  }

  compile(template: Template): CompiledTemplate {
    return assemble(this.pieces(template));
  }

  /** Joins pieces, held to MAX_EXPANSION_CHARS so that doubling variables cannot grow without bound. */
  private append(pieces: Piece[], more: readonly Piece[], owner: string): void {
    if (sizeOf(pieces) + sizeOf(more) > MAX_EXPANSION_CHARS) {
      throw new ExpansionLimitError(`${owner} expands to more than ${formatLimit(MAX_EXPANSION_CHARS)} characters (docs/security.md, Limits)`);
    }
    for (const piece of more) {
      const last = pieces[pieces.length - 1];
      if (typeof piece === 'string' && typeof last === 'string') pieces[pieces.length - 1] = last + piece;
      else pieces.push(piece);
    }
  }

  private pieces(template: Template, owner = 'a template'): Piece[] {
    const pieces: Piece[] = [];
    for (const part of template.parts) this.append(pieces, this.partPieces(part), owner);
    return pieces;
  }

  private partPieces(part: TemplatePart): Piece[] {
    switch (part.kind) {
      case 'text':
        return [part.text];
      case 'variable':
        return this.variablePieces(part.name);
      case 'system':
        return [this.systemPiece(part.fn, part.args)];
      case 'data': {
        const binding = this.environment.data.get(part.binding);
        const column = binding ? binding.columns.indexOf(part.column) : -1;
        if (!binding || column < 0) return [`{{${part.binding}.${part.column}}}`];
        const index = binding.index;
        return [(ctx) => ctx.rows[index]?.[column] ?? ''];
      }
      case 'response':
        return [this.responsePiece(part.request, part.source, part.path)];
    }
  }

  private variablePieces(name: string): Piece[] {
    const done = this.compiledVariables.get(name);
    if (done) return done;
    const template = this.variables.get(name);
    // Unknown or self-referencing: left as written (check reports both before a run).
    if (!template || this.compiling.has(name)) return [`{{${name}}}`];
    // Checked before going one level deeper: a chain of any length never grows the stack past it.
    if (this.compiling.size + 1 > MAX_EXPANSION_DEPTH) {
      throw new ExpansionLimitError(`@${name} nests variables more than ${MAX_EXPANSION_DEPTH} deep (docs/security.md, Limits)`);
    }
    this.compiling.add(name);
    const pieces = this.pieces(template, `@${name}`);
    this.compiling.delete(name);
    this.compiledVariables.set(name, pieces);
    return pieces;
  }

  private systemPiece(fn: SystemFunction, args: string[]): Piece {
    switch (fn) {
      case 'randomInt': {
        const low = args.length === 0 ? 0 : Number(args[0]);
        const high = args.length === 0 ? 1000 : Number(args[1]);
        return (ctx) => String(randomInt(ctx.random, low, high));
      }
      case 'guid':
      case 'uuid':
        return (ctx) => uuidFrom(ctx.random);
      case 'timestamp':
        return () => timestamp(args);
      case 'datetime':
        return () => datetime(args);
      case 'localDatetime':
        return () => datetime(args, true);
      case 'isoTimestamp':
        return () => datetime(['iso8601']);
      case 'processEnv':
        return this.environment.env[args[0] ?? ''] ?? '';
      case 'dotenv':
        return this.environment.dotenv[args[0] ?? ''] ?? '';
    }
  }

  private responsePiece(request: string, source: 'body' | 'headers', path: string): Piece {
    const index = this.environment.requestsByName.get(request);
    const missing = `capture ${request}.response.${source}.${path}: no value`;
    if (index === undefined) {
      return () => {
        throw new CaptureMissing(missing);
      };
    }
    if (source === 'headers') {
      this.needs.headers.add(index);
      const lower = path.toLowerCase();
      return (ctx) => {
        const value = ctx.responses[index]?.header(lower);
        if (value === undefined) throw new CaptureMissing(missing);
        return value;
      };
    }
    this.needs.bodies.add(index);
    if (path === '*') {
      return (ctx) => {
        const body = ctx.responses[index]?.body;
        if (body === undefined) throw new CaptureMissing(missing);
        return body;
      };
    }
    const steps = jsonPathSteps(path);
    return (ctx) => {
      const response = ctx.responses[index];
      const value = response ? valueAt(response.jsonBody(), steps) : undefined;
      if (value === undefined) throw new CaptureMissing(missing);
      return value;
    };
  }
}

function assemble(pieces: Piece[]): CompiledTemplate {
  if (pieces.length === 0) return constantTemplate('');
  if (pieces.length === 1 && typeof pieces[0] === 'string') return constantTemplate(pieces[0]);
  return {
    constant: undefined,
    // Adjacent text is merged while compiling, so only the first piece can be fixed text.
    literalPrefix: typeof pieces[0] === 'string' ? pieces[0] : '',
    render(ctx) {
      let text = '';
      for (let i = 0; i < pieces.length; i++) {
        const piece = pieces[i] as Piece;
        text += typeof piece === 'string' ? piece : piece(ctx);
      }
      return text;
    },
  };
}

function constantTemplate(text: string): CompiledTemplate {
  return { constant: text, literalPrefix: text, render: () => text };
}
