// Names of the run features that package.json, tests and other parts rely on: one place each.

export const RUN_COMMANDS = {
  run: 'loadlens.run',
  runWithOptions: 'loadlens.runWithOptions',
  stop: 'loadlens.stop',
  showResults: 'loadlens.showResults',
  exportHtml: 'loadlens.exportHtml',
  exportCsv: 'loadlens.exportCsv',
  openPreviousRun: 'loadlens.openPreviousRun',
  importLocustCsv: 'loadlens.importLocustCsv',
  sendRequest: 'loadlens.sendRequest',
  clearThresholdProblems: 'loadlens.clearThresholdProblems',
  setBaseline: 'loadlens.setBaseline',
  compareWith: 'loadlens.compareWith',
  clearCookies: 'loadlens.clearCookies',
} as const;

/** The webview panel's type: its serializer restores it after a reload (package.json activation event). */
export const RESULTS_VIEW_TYPE = 'loadlens.results';

/** The DiagnosticCollection of broken thresholds, apart from the syntax diagnostics. */
export const THRESHOLD_COLLECTION = 'loadlens-thresholds';

/** Context key for `when` clauses: a load test runs in this window. */
export const RUNNING_CONTEXT_KEY = 'loadlens.running';

/** URI scheme of Send Request's read-only response documents. */
export const RESPONSE_SCHEME = 'loadlens-response';

/** workspaceState key: the origins the user allowed load against. */
export const CONFIRMED_HOSTS_KEY = 'loadlens.confirmedHosts';

/** workspaceState key: which run the results panel showed last, so that a reload restores that one. */
export const PANEL_LAST_SHOWN_KEY = 'loadlens.panel.lastShown';
