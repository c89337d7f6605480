// Run preparation: scenario + options + environment -> load, host, targets and problems.
export { planRun, type RunPlan, type RunProblem, type RunProblemCode, type RunEnvironment } from './plan-run';
export { hostTemplate, renderHost } from './host';
export { targetUrls } from './targets';
export type { PreparedTemplate, TemplateCompilerFactory, TemplateValues } from './templates';
export { collectEnvironments, definitionsOf, environmentValues, environmentVariableNames, listEnvironments, namesByEnvironment, outsideVariables, unknownEnvironmentMessage, NO_ENVIRONMENTS, SHARED_ENVIRONMENT } from './environments';
export type { EnvironmentDefinition, EnvironmentFileProblem, EnvironmentSource, EnvironmentValue, FoundEnvironments } from './environments';
export { redactDeep, redactText, secretForms, REDACTED } from './secrets';
export { isLoopbackUrl, originOf, redirectGuard } from './loopback';
