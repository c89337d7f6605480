// Access to the `loadlens.*` settings for every vscode feature: read them typed and validated,
// and hear when they change.
import * as vscode from 'vscode';
import { normalizeSettings, type LoadlensSettings } from './settings-values';

export type { LoadlensSettings } from './settings-values';

export const SETTINGS_SECTION = 'loadlens';

/** The settings that apply to `scope` (a scenario's URI for folder-level settings). */
export function readSettings(scope?: vscode.ConfigurationScope): LoadlensSettings {
  const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  return normalizeSettings((key) => configuration.get<unknown>(key));
}

/**
 * Calls `listener` when any `loadlens.*` setting changes; `affects('host')` tells which one
 * (key relative to `loadlens.`).
 */
export function onDidChangeSettings(listener: (affects: (key: string) => boolean) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (!event.affectsConfiguration(SETTINGS_SECTION)) return;
    listener((key) => event.affectsConfiguration(`${SETTINGS_SECTION}.${key}`));
  });
}
