// Placeholder: replaced by the extension activation (issue 2).
export function activate(): void {}
export function deactivate(): void {}
