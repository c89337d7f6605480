// Names that other parts (integration tests, the run features, package.json) rely on: one place each.

/** The language id of `*.load.http` files (package.json `contributes.languages`). */
export const LANGUAGE_ID = 'loadlens';

/** `source` of every diagnostic Loadlens publishes, and the name of the syntax DiagnosticCollection. */
export const DIAGNOSTIC_SOURCE = 'loadlens';

/** Selector for every provider: saved files and untitled scenarios alike. */
export const SCENARIO_SELECTOR = { language: LANGUAGE_ID } as const;

export const COMMANDS = {
  newScenario: 'loadlens.newScenario',
} as const;
