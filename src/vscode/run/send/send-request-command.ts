// "Send Request": one request of the scenario, sent only because the user asked, through the
// engine's own client (src/engine/send-once.ts: the transports, redirects and cookies of a run),
// its response in a read-only editor beside. Responses are kept (per file and request) for later
// `{{name.response...}}` references, as REST Client does, and so are cookies: one jar per
// scenario file for the window, emptied by "Clear Cookies" (docs/authoring.md).
import { originOf, redirectGuard } from '../../../core/plan/loopback';
import * as vscode from 'vscode';
import type { RequestBlock } from '../../../core/scenario';
import type { StoredResponse } from '../../../engine/captures';
import { UserCookies } from '../../../engine/cookie-jar';
import { SendFailedError, sendOnce } from '../../../engine/send-once';
import { UserFacingError } from '../../shared/command';
import { readSettings } from '../../shared/settings';
import { CONFIRMED_HOSTS_KEY } from '../ids';
import { responseDocumentText, responseTabTitle } from '../logic/response-text';
import { planDocument } from '../plan-document';
import { requireTrust, scenarioDocument } from '../scenario-document';
import { prepareSend, SendPreparationError } from './prepare-request';
import type { ResponseDocuments } from './response-documents';
import { redactText } from '../../../core/plan';
import type { WorkspaceEnvironments } from '../../environments/workspace-environments';

async function pickRequest(document: vscode.TextDocument, requests: readonly RequestBlock[]): Promise<RequestBlock | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document === document) {
    const line = editor.selection.active.line;
    const here = requests.find((request) => request.range.start.line <= line && line <= request.range.end.line);
    if (here) return here;
  }
  const picked = await vscode.window.showQuickPick(
    requests.map((request) => ({ label: request.statsName, description: `${request.method} ${request.url.raw}`, request })),
    { title: 'Send Request', placeHolder: 'Which request?' },
  );
  return picked?.request;
}

export class SendRequestCommand {
  /** Last responses by document, then by request index. */
  private readonly responses = new Map<string, Array<StoredResponse | undefined>>();
  /** Cookie jars by document. */
  private readonly jars = new Map<string, UserCookies>();

  constructor(
    private readonly documents: ResponseDocuments,
    private readonly environments: WorkspaceEnvironments,
    private readonly log: vscode.LogOutputChannel,
    private readonly workspaceState: vscode.Memento,
  ) {}

  /** "Clear Cookies": the active scenario's jar, or every jar when no scenario is active. */
  clearCookies(): void {
    const active = vscode.window.activeTextEditor?.document;
    const key = active?.languageId === 'loadlens' ? active.uri.toString() : undefined;
    if (key !== undefined) this.jars.get(key)?.clear();
    else for (const jar of this.jars.values()) jar.clear();
    const which = key !== undefined ? `for ${vscode.workspace.asRelativePath(active?.uri ?? '')}` : 'for every scenario';
    this.log.info(`Cookies cleared ${which}`);
    void vscode.window.setStatusBarMessage(`Loadlens: cookies cleared ${which}`, 3000);
  }

  private jarOf(key: string): UserCookies {
    let jar = this.jars.get(key);
    if (!jar) this.jars.set(key, (jar = new UserCookies()));
    return jar;
  }

  async run(uri?: unknown, requestIndex?: unknown): Promise<void> {
    if (!(await requireTrust('send requests'))) return;
    const document = await scenarioDocument(uri);
    // Planned as a run would be (host: the setting when neither an option nor `# @host` gives one).
    const settings = readSettings(document.uri);
    const { plan, scenarioPath, access } = planDocument(document, { defaultHost: settings.host, ...this.environments.runOptionsFor(document.uri) });
    const { scenario } = plan;
    const environmentProblem = plan.problems.find((problem) => problem.code === 'environment-invalid');
    if (environmentProblem) throw new UserFacingError(`Send Request: ${environmentProblem.message}. Choose one with Loadlens: Select Environment.`);
    // Private environment values are sent, never shown: not in the log, a message or the response view.
    const hide = (text: string) => redactText(text, plan.secrets);
    if (scenario.requests.length === 0) throw new UserFacingError('This scenario has no request yet: write one (e.g. GET /) below a ### line.');
    const request = typeof requestIndex === 'number' ? scenario.requests[requestIndex] : await pickRequest(document, scenario.requests);
    if (!request) return;
    const key = document.uri.toString();
    const responses = this.responses.get(key) ?? [];
    let prepared;
    try {
      prepared = prepareSend({ scenarioPath, plan, access, requestIndex: request.index, responses });
    } catch (error) {
      if (error instanceof SendPreparationError) throw new UserFacingError(`Send Request: ${error.message}`);
      throw error;
    }
    const exchange = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Sending ${request.statsName}…`, cancellable: false },
      async () => {
        try {
          // Redirects go to this machine, the origins confirmed for load tests, and the request's own (docs/security.md).
          const confirmed = [...this.workspaceState.get<string[]>(CONFIRMED_HOSTS_KEY, []), originOf(prepared.url) ?? ''];
          const guard = settings.confirmNonLocalTargets ? redirectGuard(confirmed) : undefined;
          return await sendOnce(prepared, { cookies: this.jarOf(key), redirectGuard: guard, insecure: settings.insecure });
        } catch (error) {
          if (error instanceof SendFailedError) throw new UserFacingError(hide(`Send Request: ${error.message}`));
          throw error;
        }
      },
    );
    responses[request.index] = exchange.stored;
    this.responses.set(key, responses);
    // The log names the request and its outcome, never header values (they may hold credentials).
    const hops = exchange.redirects === 0 ? '' : ` after ${exchange.redirects} redirect${exchange.redirects === 1 ? '' : 's'}`;
    this.log.info(hide(`Send Request: ${prepared.method} ${prepared.url} -> HTTP/${exchange.httpVersion} ${exchange.status}${hops} in ${exchange.durationMs.toFixed(1)} ms`));
    const view = { title: request.statsName, method: prepared.method, url: prepared.url, ...exchange };
    await this.documents.show(`${responseTabTitle(view)} - ${request.statsName}`, hide(responseDocumentText(view)));
  }
}
