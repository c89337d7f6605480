// Hover on directives and `{{...}}` references; the text comes from hover-content.ts.
import * as vscode from 'vscode';
import { locate } from '../../core/scenario';
import { fromVsPosition, toVsRange, untrustedMarkdown } from '../shared/convert';
import { guarded } from '../shared/output';
import { hoverContent } from './hover-content';
import type { ParsedDocuments } from './parsed-documents';
import { definitionsOf } from '../../core/plan';
import type { WorkspaceEnvironments } from '../environments/workspace-environments';

export class ScenarioHovers implements vscode.HoverProvider {
  constructor(
    private readonly parsed: ParsedDocuments,
    private readonly environments: WorkspaceEnvironments,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    return guarded(this.log, 'Hover', () => {
      const scenario = this.parsed.scenarioOf(document);
      const located = locate(scenario, fromVsPosition(position));
      // The files are looked up only for a variable under the pointer, not for every hover.
      const found = located.kind === 'template' && located.part.kind === 'variable' ? this.environments.of(document.uri) : undefined;
      const content = hoverContent(located, scenario, found && ((name) => definitionsOf(found, name, this.environments.selected)));
      return content ? new vscode.Hover(untrustedMarkdown(content.markdown), toVsRange(content.range)) : undefined;
    }, undefined);
  }
}
