// Activation: every feature registers itself into the extension context, which disposes it all.
import type * as vscode from 'vscode';
import { registerLanguageFeatures } from './language/register';
import { registerImportFeatures } from './import/register';
import { registerRunFeatures } from './run/register';
import { registerEnvironmentFeatures } from './environments/register';

export function activate(context: vscode.ExtensionContext): void {
  const environments = registerEnvironmentFeatures(context);
  registerLanguageFeatures(context, environments);
  registerImportFeatures(context, registerRunFeatures(context, environments));
}

export function deactivate(): void {
  // Disposables registered on the context are released by VS Code; running engines are stopped
  // by the run feature's own disposable.
}
