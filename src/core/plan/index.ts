// Run preparation: scenario + options + environment -> load, host, targets and problems.
export { planRun, type RunPlan, type RunProblem, type RunProblemCode, type RunEnvironment } from './plan-run';
export { hostTemplate, renderHost } from './host';
export { targetUrls } from './targets';
export type { PreparedTemplate, TemplateCompilerFactory, TemplateValues } from './templates';
