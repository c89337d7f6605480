// Lint with the project's import boundaries: only src/vscode/ may import `vscode`; core is pure
// (no node:* I/O, no engine, no vscode); the engine and CLI never reach into the extension.
// TypeScript is linted with types, for the promise rules: a promise nobody awaits loses its
// failure, and a promise where a callback's result is ignored runs unobserved. The .mjs scripts
// (build, benchmark, VS Code test runner, demo server) get the plain JavaScript rules.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'worker_threads', 'crypto', 'url', 'util', 'stream', 'events', 'readline', 'zlib', 'tls', 'dns', 'perf_hooks', 'process', 'timers', 'cluster', 'module', 'v8', 'assert'];
const noNode = nodeBuiltins.flatMap((m) => [m, `node:${m}`, `${m}/*`, `node:${m}/*`]);

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'syntaxes/*.json', '**/*.js'] },
  {
    files: ['**/*.mjs', '**/*.cjs'],
    ...js.configs.recommended,
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Browser-side code the VS Code test runner injects into the workbench page.
    files: ['scripts/vscode-test/lib/browser.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
  ...tseslint.configs.recommended.map((config) => ({ ...config, files: ['**/*.ts', '**/*.mts'] })),
  {
    files: ['**/*.ts', '**/*.mts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // node:test's test(), it() and describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] }] }],
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['**/*.ts', '**/*.mts'],
    rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }] },
  },
  {
    files: ['**/*.mjs', '**/*.cjs'],
    rules: { 'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }] },
  },
  {
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Only src/vscode/ may import vscode.' }] }],
    },
  },
  {
    // The extension is the one place that talks to VS Code. It and the panel share only src/core
    // (the protocol, the present module): neither imports the other.
    files: ['src/vscode/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/webview-ui/**'], message: 'src/vscode and webview-ui share src/core only: move what both need there.' }] }],
    },
  },
  {
    // The integration suites run inside the extension host and test through the vscode API.
    files: ['test/integration/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'core is pure: no vscode.' }, ...noNode.map((name) => ({ name, message: 'core does no I/O: pass what you need in.' }))],
        patterns: [
          { group: ['**/engine/**', '../../engine', '**/cli/**', '**/vscode/**', 'undici', 'csv-parse', 'csv-parse/*'], message: 'core imports core only (and hdr-histogram-js in metrics).' },
          { group: ['@apidevtools/*'], message: 'core loads no OpenAPI parser: the CLI and the extension pass it in (src/engine/openapi-loader.ts).' },
        ],
      }],
    },
  },
  {
    files: ['src/core/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['hdr-histogram-js', '**/scenario/**', '**/schedule/**', '**/analysis/**', '**/report/**'], message: 'protocol imports nothing but types of metrics results.' }] }],
    },
  },
  {
    files: ['src/engine/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'Only src/vscode/ may import vscode.' }],
        patterns: [{ group: ['**/vscode/**', '**/webview-ui/**'], message: 'engine and CLI never depend on the extension.' }],
      }],
    },
  },
  {
    files: ['webview-ui/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'The webview has no vscode module: use the host interface.' }],
        patterns: [{ group: ['**/engine/**', '**/cli/**', '**/src/vscode/**', 'undici', 'node:*'], message: 'webview-ui imports core types and the chart library only.' }],
      }],
    },
  },
);
