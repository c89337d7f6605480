// Starts the engine child for the extension host: the bundle's dist/engine.js, run by the Node
// that runs the extension host. Desktop VS Code's host is Electron, which behaves as Node only
// with ELECTRON_RUN_AS_NODE=1; code-server's host is plain Node, where the variable is harmless.
import * as vscode from 'vscode';
import { spawnEngine, type EngineHandle } from '../../engine/spawn';


export function launchEngine(extensionUri: vscode.Uri, log: vscode.LogOutputChannel): EngineHandle {
  const engine = spawnEngine({
    entry: vscode.Uri.joinPath(extensionUri, 'dist', 'engine.js').fsPath,
    execPath: process.execPath,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    onLog: (line) => {
      if (line.trim() !== '') log.info(`[engine] ${line}`);
    },
  });
  log.info(`Load engine started (pid ${engine.pid ?? 'unknown'}).`);
  engine.onEvent((event) => {
    if (event.type !== 'run/log') return;
    const line = `[engine] ${event.message}`;
    if (event.level === 'error') log.error(line);
    else if (event.level === 'warn') log.warn(line);
    else log.info(line);
  });
  // `exited` only resolves (on the child's exit event), and logging a line does not throw.
  void engine.exited.then(({ code, signal }) => log.info(`Load engine (pid ${engine.pid ?? 'unknown'}) exited (${signal ?? `code ${code}`}).`));
  return engine;
}
