// The rules a scenario without any `@threshold` is judged by: the latency and
// error-rate bands of docs/reports.md. The CLI uses them as they are; the extension offers them as
// the default of the `loadlens.defaultThresholds` setting.
export const DEFAULT_THRESHOLD_RULES: readonly string[] = ['p95 < 500ms warn', 'p95 < 1s error', 'errors < 1% warn', 'errors < 5% error'];
