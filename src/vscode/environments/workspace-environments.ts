// The environment this workspace runs with (docs/scenario-environments.md, Environments): the one picked
// with "Loadlens: Select Environment", remembered in workspaceState, and the environments each
// document sees (its http-client.env.json files, else the rest-client.environmentVariables
// setting). Run, Send Request, the plain .http lens, diagnostics, completion and hover all ask here.
import * as vscode from 'vscode';
import { outsideVariables, type FoundEnvironments } from '../../core/plan';
import type { RunOptions } from '../../core/protocol/engine';
import type { OutsideVariables } from '../../core/scenario';
import { EnvironmentFilesCache, environmentsFor, environmentsFromSetting } from '../../engine/environment-files';
import { workspaceFileAccess } from '../shared/file-access';

/** workspaceState key: the chosen environment's name; absent: none. */
export const SELECTED_ENVIRONMENT_KEY = 'loadlens.environment';

/** REST Client's setting, read the same way as the files when a document has none. */
const REST_CLIENT_SECTION = 'rest-client';
const REST_CLIENT_ENVIRONMENTS = 'environmentVariables';

const ENVIRONMENT_FILES_GLOB = '**/http-client{,.private}.env.json';

function restClientSetting(uri: vscode.Uri): Record<string, unknown> | undefined {
  const value = vscode.workspace.getConfiguration(REST_CLIENT_SECTION, uri).get<unknown>(REST_CLIENT_ENVIRONMENTS);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  // REST Client's default is `{ "$shared": {} }`: no environments, so nothing to stand in.
  return Object.keys(value).some((key) => key !== '$shared') || Object.keys((value as { $shared?: object }).$shared ?? {}).length > 0 ? (value as Record<string, unknown>) : undefined;
}

export class WorkspaceEnvironments implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** The choice, an environment file or the setting changed: diagnostics and views refresh. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The files' lookups, re-read only when a file changed: `of` is asked on every re-check and hover. */
  private readonly files = new EnvironmentFilesCache();

  constructor(private readonly state: vscode.Memento) {
    const watcher = vscode.workspace.createFileSystemWatcher(ENVIRONMENT_FILES_GLOB);
    // The cache sees changes itself (src/engine/environment-files.ts); dropping it here as well
    // covers a write that landed while a lookup was reading the file.
    const fileChanged = (): void => {
      this.files.clear();
      this.changed.fire();
    };
    this.subscriptions.push(
      this.changed,
      watcher,
      watcher.onDidCreate(fileChanged),
      watcher.onDidChange(fileChanged),
      watcher.onDidDelete(fileChanged),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.files.clear()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${REST_CLIENT_SECTION}.${REST_CLIENT_ENVIRONMENTS}`)) this.changed.fire();
      }),
    );
  }

  /** The environment picked for this workspace; undefined: none. */
  get selected(): string | undefined {
    const name = this.state.get<unknown>(SELECTED_ENVIRONMENT_KEY);
    return typeof name === 'string' && name !== '' ? name : undefined;
  }

  async select(name: string | undefined): Promise<void> {
    await this.state.update(SELECTED_ENVIRONMENT_KEY, name);
    this.changed.fire();
  }

  /** The environments a document sees: its files (nearest folder, within the workspace), else the setting. */
  of(uri: vscode.Uri): FoundEnvironments {
    const setting = restClientSetting(uri);
    return uri.scheme === 'file' ? environmentsFor(uri.fsPath, workspaceFileAccess(uri.fsPath), setting, this.files) : environmentsFromSetting(setting);
  }

  /** What a run of the document takes: the chosen environment (when its environments are not empty) and the setting the engine reads too. */
  runOptionsFor(uri: vscode.Uri): Pick<RunOptions, 'environment' | 'environmentSetting'> {
    const found = this.of(uri);
    const options: Pick<RunOptions, 'environment' | 'environmentSetting'> = {};
    // A choice made for other documents names no environment here when this one has none at all.
    if (this.selected !== undefined && found.names.length > 0) options.environment = this.selected;
    const setting = restClientSetting(uri);
    if (setting !== undefined) options.environmentSetting = setting;
    return options;
  }

  /** The names a document's checks know from outside it: the chosen environment's. */
  outsideFor(uri: vscode.Uri): OutsideVariables {
    const found = this.of(uri);
    const chosen = this.selected !== undefined && found.names.includes(this.selected) ? this.selected : undefined;
    return outsideVariables(found, chosen, undefined, 'error');
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
