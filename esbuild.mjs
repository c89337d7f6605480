// One build for every process: the extension host, the engine child, the CLI and the webview.
// `--watch` rebuilds on change; `--production` minifies and drops source maps (for `npm run package`).
import * as esbuild from 'esbuild';
import { buildGrammar } from './syntaxes/build-grammar.mjs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'info',
  legalComments: 'none',
};

/** Node-side entries: each is a process (or worker thread) of its own. */
const nodeEntries = {
  extension: 'src/vscode/extension.ts',
  engine: 'src/engine/main.ts',
  'engine-worker': 'src/engine/worker-main.ts',
  cli: 'src/cli/main.ts',
  // `--out` exporters, loaded by the CLI only when asked for (src/cli/live-metrics-loader.ts).
  'live-metrics': 'src/cli/live-metrics/index.ts',
  // The OpenAPI parser, loaded only by an OpenAPI import (src/engine/openapi-loader.ts).
  'openapi-dereference': 'src/engine/openapi-dereference.ts',
};

const builds = [
  {
    ...common,
    entryPoints: nodeEntries,
    outdir: 'dist',
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    // jsonc-parser's `main` is a UMD build whose dynamic requires a bundle cannot follow; its ES
    // module build is the same code in a form esbuild bundles (src/engine/environment-files.ts).
    alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  },
  {
    ...common,
    entryPoints: { webview: 'webview-ui/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    loader: { '.css': 'css' },
  },
];

buildGrammar();
if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
