// Reports: pure functions from a RunResult to text (docs/reports.md).
export { statsCsv, failuresCsv, historyCsv, STATS_COLUMNS, FAILURES_COLUMNS, HISTORY_COLUMNS } from './locust-csv';
export { resultJson, parseResultJson } from './result-json';
export { withoutCredentials } from './credentials';
export type { ParsedResult } from './result-json';
export { htmlReport } from './html-report';
export { importLocustCsv, IMPORTED_ENGINE_VERSION } from './import-locust';
export type { ImportedResult } from './import-locust';
