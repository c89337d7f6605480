// The scenario language core: parse, check, locate, and the catalogs the editor shows.
// docs/scenario-format.md is the format reference; the exports below are the API others build on.
export * from './model';
export { parseScenario } from './parse';
export { checkScenario } from './check';
export { parseDuration } from './durations';
export { parseThresholdRule } from './thresholds';
export { parseTemplate } from './template';
export { DIRECTIVES, type DirectiveInfo } from './directives-catalog';
export { SYSTEM_VARIABLES, type SystemVariableInfo } from './system-variables';
export { HTTP_METHODS, COMMON_HEADERS } from './http';
export { locate, type Located } from './locate';
export { statsNameOf } from './stats-name';
export { isRelativeUrl, startsAsPath } from './urls';
export { CHECK_FIELDS, CHECK_OPERATORS, checkFieldInfo, checkOperatorInfo, type CheckFieldInfo, type CheckOperatorInfo } from './checks-catalog';
export { evaluateCheck, checkFailureText, MATCH_TEXT_LIMIT, type CheckedResponse } from './evaluate-check';
export { checkSuggestions, checkExplanation, type CheckSuggestion, type CheckSuggestions } from './check-assist';
