// Names of the import features that package.json and tests rely on: one place each.
export const IMPORT_COMMANDS = {
  loadTestHttpFile: 'loadlens.loadTestHttpFile',
  convertToLoadScenario: 'loadlens.convertToLoadScenario',
  pasteCurl: 'loadlens.pasteCurlAsRequest',
  importFrom: 'loadlens.import',
} as const;

/** What a first load test of a plain file proposes: a few users for a bounded time. */
export const FIRST_LOAD_FORM = { load: '5', spawnRate: '5', runTime: '30s' } as const;
