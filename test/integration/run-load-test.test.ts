// Running a load test inside VS Code: a scenario against a server this test starts on loopback
// ends with threshold diagnostics on the expected lines, is saved to run history, can be stopped,
// and leaves no engine process behind; and the host's own CPU stays low while the engine works.
// (The extension host is this very process; on Linux its engine children are found under /proc.)
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { closeAllEditors, lineOf, loopbackTarget, openNewScenario, savedRunTexts, waitFor } from './helpers';

let target: Awaited<ReturnType<typeof loopbackTarget>>;
let base = '';

/** Engine processes (dist/engine.js) whose parent is this extension host. */
function engineChildren(): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent !== process.pid) continue;
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('engine.js')) children.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return children;
}

function thresholdDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'loadlens' && typeof d.code === 'string' && /[<>]/.test(d.code));
}

async function savedRuns(scenario: string): Promise<Array<{ outcome: string; aggregate: { requests: number } }>> {
  return (await savedRunTexts(scenario)).map((text) => JSON.parse(text) as { outcome: string; aggregate: { requests: number } });
}

function scenario(runTime: string): string[] {
  return [
    `# @host ${base}`,
    '# @users 2',
    '# @spawn-rate 2',
    `# @run-time ${runTime}`,
    '# @think 50ms',
    '# @threshold errors < 1%',
    '# @threshold p99 < 1ms warn',
    '',
    '### Slow list',
    '# @threshold p95 < 1ms',
    'GET /slow',
    '',
    '### Health',
    '# @threshold p95 < 10s',
    'GET /health',
  ];
}

describe('run a load test', () => {
  before(async () => {
    target = await loopbackTarget((request, response) => {
      if (request.url === '/slow') setTimeout(() => response.end('[]'), 20);
      else response.end('ok');
    });
    base = target.base;
  });

  after(() => target.close());

  it('ends with broken thresholds on their lines, saved to history, no engine left', async () => {
    const document = await openNewScenario('run-thresholds.load.http', scenario('3s'));
    await vscode.commands.executeCommand('loadlens.run', document.uri);
    const diagnostics = await waitFor('threshold diagnostics after the run', () => {
      const found = thresholdDiagnostics(document.uri);
      return found.length > 0 ? found : undefined;
    });
    const slow = diagnostics.find((d) => d.code === 'p95 < 1ms');
    assert.ok(slow, `no diagnostic for p95 < 1ms among ${diagnostics.map((d) => d.message).join(' | ')}`);
    assert.equal(slow.range.start.line, lineOf(document, 'GET /slow'));
    assert.equal(slow.severity, vscode.DiagnosticSeverity.Error);
    assert.match(slow.message, /^Slow list: p95 [\d.,]+ ms > 1 ms \([\d,]+ requests?\)$/);
    const aggregate = diagnostics.find((d) => d.code === 'p99 < 1ms warn' && d.message.startsWith('Aggregated:'));
    assert.ok(aggregate, 'the aggregate breaks the header rule');
    assert.equal(aggregate.range.start.line, lineOf(document, '# @threshold p99 < 1ms warn'));
    assert.equal(aggregate.severity, vscode.DiagnosticSeverity.Warning);
    assert.ok(!diagnostics.some((d) => d.code === 'p95 < 10s'), 'a passed rule is not a problem');

    const runs = await waitFor('the run in .loadlens/runs', async () => {
      const found = await savedRuns('run-thresholds');
      return found.length > 0 ? found : undefined;
    });
    assert.equal(runs[0]?.outcome, 'completed');
    assert.ok((runs[0]?.aggregate.requests ?? 0) > 0);
    await waitFor('no engine process left', () => (engineChildren().length === 0 ? true : undefined));
  });

  it('edits that move the requests clear the threshold diagnostics', async () => {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.path.endsWith('run-thresholds.load.http'));
    assert.ok(document);
    assert.ok(thresholdDiagnostics(document.uri).length > 0);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(0, 0), '# a new first line\n');
    await vscode.workspace.applyEdit(edit);
    await waitFor('the stale diagnostics to go', () => (thresholdDiagnostics(document.uri).length === 0 ? true : undefined));
  });

  it('Stop ends a long run quickly, keeps its result, and leaves no engine', async () => {
    const document = await openNewScenario('run-stop.load.http', scenario('10m'));
    await vscode.commands.executeCommand('loadlens.run', document.uri);
    await waitFor('the engine to start', () => (engineChildren().length > 0 ? true : undefined));
    // Let it send for a moment so that the stopped run has numbers.
    await new Promise((done) => setTimeout(done, 2500));
    const stoppedAt = Date.now();
    await vscode.commands.executeCommand('loadlens.stop');
    const runs = await waitFor('the stopped run in .loadlens/runs', async () => {
      const found = await savedRuns('run-stop');
      return found.length > 0 ? found : undefined;
    });
    assert.equal(runs[0]?.outcome, 'stopped');
    await waitFor('no engine process left', () => (engineChildren().length === 0 ? true : undefined));
    // Generous: the machine is shared. The engine itself is asked to end within 1 s.
    assert.ok(Date.now() - stoppedAt < 10_000, `stop took ${Date.now() - stoppedAt} ms`);
  });
});

describe('the extension host during a run at full speed', () => {
  let target: ChildProcess | undefined;
  let url = '';
  let autoForwardPorts: boolean | undefined;

  before(async () => {
    // The target runs in a process of its own, so that its work is not counted as the host's.
    target = spawn(process.execPath, ['-e', TARGET_SERVER], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, stdio: ['ignore', 'pipe', 'inherit'] });
    url = await new Promise<string>((resolve, reject) => {
      target?.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
      target?.once('exit', (code) => reject(new Error(`the target server exited (${code})`)));
    });
    // In a remote window (code-server is one) VS Code itself scans /proc for listening ports in
    // this very process, every few seconds: 5-8% of a core with no run at all (profiled). A
    // desktop window does not; switched off so that what is measured is the host running a test.
    const remote = vscode.workspace.getConfiguration('remote');
    autoForwardPorts = remote.inspect<boolean>('autoForwardPorts')?.globalValue;
    await remote.update('autoForwardPorts', false, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.commands.executeCommand('loadlens.stop');
    target?.kill();
    await vscode.workspace.getConfiguration('remote').update('autoForwardPorts', autoForwardPorts, vscode.ConfigurationTarget.Global);
    await closeAllEditors();
  });

  it('stays under 5% of a core while the engine sends as fast as it can', async () => {
    const document = await openNewScenario('run-full-speed.load.http', [`# @host ${url}`, '# @users 20', '# @run-time 8s', '', '### Home', 'GET /']);
    const idle = await hostCpuShare(5000);
    await vscode.commands.executeCommand('loadlens.run', document.uri);
    await waitFor('the engine to start', () => (engineChildren().length > 0 ? true : undefined));
    // Measure the steady part: skip the start-up, stop before the end.
    await new Promise((done) => setTimeout(done, 1500));
    const running = await hostCpuShare(5000);
    const runs = await waitFor('the full-speed run in .loadlens/runs', async () => {
      const found = await savedRuns('run-full-speed');
      return found.length > 0 ? found : undefined;
    });
    const rate = (runs[0]?.aggregate.requests ?? 0) / 8;
    console.log(`extension host CPU: ${percent(running)} of a core during the run at about ${Math.round(rate)} requests/s, ${percent(idle)} idle just before`);
    // CPU time, not wall time: a busy machine delays the host but does not make it spend more.
    // What the run adds is held to the target; the total also holds VS Code's own background
    // work (1.5-4.4% idle measured here), which a test cannot control. The host handling a
    // message per request instead of one interval per second would cost many times the bound.
    assert.ok(running - idle < 0.05, `the run added ${percent(running - idle)} of a core to the extension host (${percent(running)} running, ${percent(idle)} idle)`);
  });
});

/** This process's CPU time (every thread) over a wait of `ms`, as a share of one core. */
async function hostCpuShare(ms: number): Promise<number> {
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  await new Promise((done) => setTimeout(done, ms));
  const cpu = process.cpuUsage(cpuBefore);
  return (cpu.user + cpu.system) / 1000 / (performance.now() - wallBefore);
}

function percent(share: number): string {
  return `${(share * 100).toFixed(2)}%`;
}

/** A minimal HTTP server for the full-speed run; prints its URL. */
const TARGET_SERVER = `
const server = require('node:http').createServer((req, res) => res.end('ok'));
server.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + server.address().port));
process.on('disconnect', () => process.exit(0));
setTimeout(() => process.exit(0), 120000).unref();
`;
