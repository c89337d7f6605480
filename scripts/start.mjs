// `npm start`: the whole product in one command on a fresh checkout. Builds if dist/ is missing or
// older than the sources, starts the demo hospital API on a free loopback port, runs the short
// quick test through the real CLI (live progress, HTML and CSV reports into out/demo/), stops the
// server and exits with the CLI's exit code.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoServer } from '../examples/demo-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const scenario = join('examples', 'quick-test-short.load.http');
const outDir = join('out', 'demo');
const BUILD_INPUTS = ['src', 'webview-ui', 'syntaxes', 'esbuild.mjs', 'package.json'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

function buildIfStale() {
  const built = existsSync(cli) ? statSync(cli).mtimeMs : 0;
  const sources = Math.max(...BUILD_INPUTS.map((input) => newestMtime(join(root, input))));
  if (built >= sources) return;
  console.log(built ? 'Sources changed since the last build: npm run build' : 'No build yet: npm run build');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const build = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (build.status !== 0) {
    console.error('The build failed (see above): fix it, then run npm start again.');
    process.exit(build.status ?? 1);
  }
}

/** Runs the CLI as a child; the demo server keeps answering in this process meanwhile. */
function runCli(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: root, stdio: 'inherit' });
    // Ctrl-C reaches the CLI too (same terminal): it stops the run cleanly and writes the
    // reports, so this process only waits for it.
    const ignore = () => undefined;
    process.on('SIGINT', ignore);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', ignore);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

buildIfStale();
const server = await startDemoServer({ port: 0 });
console.log(`Demo hospital API (examples/demo-server.mjs) listening on ${server.url}\n`);
let code;
try {
  code = await runCli(['run', scenario, '--host', server.url, '--html', join(outDir, 'report.html'), '--csv', join(outDir, 'results'), '--json', join(outDir, 'result.json')]);
} finally {
  await server.close();
}
const report = relative(process.cwd(), join(root, outDir, 'report.html'));
if (existsSync(report) && code <= 1) {
  console.log(`\nOpen ${report} in a browser for the charts; the CSV files read like Locust's:`);
  console.log(`  column -t -s, ${join(outDir, 'results_stats.csv')}`);
  console.log('Next: the 2-minute quick test (examples/quick-test.load.http), with the demo server on port 8888:');
  console.log('  node examples/demo-server.mjs          (in another terminal)');
  console.log('  node dist/cli.js run examples/quick-test.load.http --html quick_test.html');
}
process.exit(code);
