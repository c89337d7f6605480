// A scenario document planned as the engine will plan it (src/core/plan/), with this window's
// environment: its file system, process.env, the `.env` beside the file. Run Load Test and
// Send Request both start here.
import type * as vscode from 'vscode';
import { planRun, type RunPlan } from '../../core/plan';
import type { RunOptions } from '../../core/protocol/engine';
import type { FileAccess } from '../../engine/file-access';
import type { CsvHeaderCache } from '../../engine/file-check-environment';
import { runEnvironment } from '../../engine/run-environment';
import { workspaceFileAccess } from '../shared/file-access';
import { scenarioPathOf } from './scenario-document';

export interface DocumentPlan {
  plan: RunPlan;
  /** Where data files, body files and `.env` resolve (src/vscode/run/scenario-document.ts). */
  scenarioPath: string;
  /** The folders `# @data` and `< file` may read: checked here, and again by the engine as it reads them. */
  access: FileAccess;
}

/** `text` is what runs: the document's text unless a part of it runs (a plain .http file's one request). */
export function planDocument(document: vscode.TextDocument, options: RunOptions, headers?: CsvHeaderCache, text = document.getText()): DocumentPlan {
  const scenarioPath = scenarioPathOf(document);
  const access = workspaceFileAccess(scenarioPath);
  return { plan: planRun(text, options, runEnvironment(scenarioPath, access, headers, options.environmentSetting)), scenarioPath, access };
}
