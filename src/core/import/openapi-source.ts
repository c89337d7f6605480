// Reading an OpenAPI document: JSON or YAML text, a version check, then the parser the caller
// passes in (@apidevtools/swagger-parser) dereferences every `$ref` inside the document. External
// references (other files, URLs) are never followed: resolution is off for files and HTTP alike,
// so an import reads nothing and sends nothing; a reference left unresolved is reported by the
// importer.

import { load } from 'js-yaml';
import { ImportError } from './model';

/**
 * Every `$ref` inside the document replaced by its target, files and URLs never read. Core loads
 * nothing: the CLI and the extension pass in the parser (src/engine/openapi-loader.ts), a bundle
 * of its own that only an OpenAPI import reads.
 */
export type OpenApiDereferencer = (document: object) => Promise<unknown>;

export type OpenApiDocument = Record<string, unknown>;

/** JSON or YAML (JSON is tried first: its messages name the position). */
export function parseOpenApiText(text: string): unknown {
  const body = text.replace(/^\uFEFF/, '');
  if (/^\s*[{[]/.test(body)) {
    try {
      return JSON.parse(body);
    } catch (error) {
      throw new ImportError(`not valid JSON: ${(error as Error).message}`);
    }
  }
  try {
    return load(body);
  } catch (error) {
    const { reason, mark } = error as { reason?: string; mark?: { line: number; column: number } };
    const where = mark ? ` at line ${mark.line + 1}, column ${mark.column + 1}` : '';
    throw new ImportError(`not valid YAML${where}: ${reason ?? (error as Error).message.split('\n')[0]}`);
  }
}

export async function dereferenceOpenApi(document: unknown, dereference: OpenApiDereferencer): Promise<OpenApiDocument> {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) throw new ImportError('not an OpenAPI document: expected an object with `openapi: 3.x`');
  const version = (document as OpenApiDocument).openapi;
  if ((document as OpenApiDocument).swagger !== undefined) {
    throw new ImportError('this is a Swagger 2.0 document; Loadlens imports OpenAPI 3.0 and 3.1: convert it first (e.g. `npx swagger2openapi old.json -o new.json`)');
  }
  if (typeof version !== 'string' || !/^3\.[01]\./.test(version)) {
    throw new ImportError(`not an OpenAPI 3.0/3.1 document: its "openapi" field is ${JSON.stringify(version ?? null)}, expected e.g. "3.1.0"`);
  }
  try {
    return (await dereference(document)) as OpenApiDocument;
  } catch (error) {
    throw new ImportError(`cannot resolve the document's references: ${(error as Error).message}`);
  }
}

/** `$ref`s still in the document after dereferencing: external ones, never fetched. */
export function unresolvedReferences(value: unknown, found = new Set<string>(), seen = new Set<unknown>()): Set<string> {
  if (typeof value !== 'object' || value === null || seen.has(value)) return found;
  seen.add(value);
  for (const [key, item] of Object.entries(value)) {
    if (key === '$ref' && typeof item === 'string') found.add(item);
    else unresolvedReferences(item, found, seen);
  }
  return found;
}
