// Placeholder: replaced by the authoring features (issue 2).
import type * as vscode from 'vscode';
export function registerLanguageFeatures(_context: vscode.ExtensionContext): void {}
