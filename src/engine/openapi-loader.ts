// The OpenAPI parser for `loadlens import openapi` and the extension's import, passed into core's
// importer (src/core/import/openapi.ts), which loads nothing itself. The parser is a bundle of its
// own (esbuild.mjs: dist/openapi-dereference.js), read on the first import only: it is most of
// the CLI's bytes, and `loadlens run`, `--version` and the extension's start never need it.

import type { OpenApiDereferencer } from '../core/import/openapi-source';

type Dereferencer = typeof import('./openapi-dereference');

/**
 * From dist/ the bundle beside this one (a `require` with a computed path, which esbuild leaves
 * out of cli.js and extension.js); from the sources (tests under tsx) the same name resolves to
 * ./openapi-dereference.ts.
 */
export const openApiDereferencer: OpenApiDereferencer = (document) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { dereferenceInside } = require(`${__dirname}/openapi-dereference`) as Dereferencer;
  return dereferenceInside(document);
};
