// Placeholder: replaced by the run features (issue 4).
import type * as vscode from 'vscode';
export function registerRunFeatures(_context: vscode.ExtensionContext): void {}
