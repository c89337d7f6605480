// Folding ranges for scenarios; the logic lives in folding-ranges.ts (no vscode import, unit-tested).
import * as vscode from 'vscode';
import { guarded } from '../shared/output';
import { scenarioFoldingSpans } from './folding-ranges';

export class ScenarioFolding implements vscode.FoldingRangeProvider {
  constructor(private readonly log: vscode.LogOutputChannel) {}

  provideFoldingRanges(document: vscode.TextDocument): vscode.FoldingRange[] {
    return guarded(
      this.log,
      'Folding',
      () =>
        scenarioFoldingSpans(document.getText()).map(
          (span) => new vscode.FoldingRange(span.start, span.end, span.kind === 'region' ? vscode.FoldingRangeKind.Region : undefined),
        ),
      [],
    );
  }
}
