// Hover on directives and `{{...}}` references; the text comes from hover-content.ts.
import * as vscode from 'vscode';
import { locate } from '../../core/scenario';
import { fromVsPosition, toVsRange, untrustedMarkdown } from '../shared/convert';
import { guarded } from '../shared/output';
import { hoverContent } from './hover-content';
import type { ParsedDocuments } from './parsed-documents';

export class ScenarioHovers implements vscode.HoverProvider {
  constructor(
    private readonly parsed: ParsedDocuments,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    return guarded(this.log, 'Hover', () => {
      const scenario = this.parsed.scenarioOf(document);
      const content = hoverContent(locate(scenario, fromVsPosition(position)), scenario);
      return content ? new vscode.Hover(untrustedMarkdown(content.markdown), toVsRange(content.range)) : undefined;
    }, undefined);
  }
}
