// @apidevtools/swagger-parser behind one function, built as a bundle of its own (esbuild.mjs:
// dist/openapi-dereference.js) and loaded by ./openapi-loader.ts only when an OpenAPI document is
// imported: the parser and its JSON-schema validators are most of the CLI's size, and `loadlens
// run` or `--version` should not read them at every start (docs/performance-engine.md, Start-up).

import SwaggerParser from '@apidevtools/swagger-parser';

/** Every `$ref` inside the document replaced by its target; files and URLs are never read. */
export async function dereferenceInside(document: object): Promise<unknown> {
  const options = { resolve: { external: false, file: false, http: false } } as unknown as SwaggerParser.Options;
  return SwaggerParser.dereference(structuredClone(document) as never, options);
}
