// GitHub Actions workflow commands (`::error file=F,line=L,title=T::message`) for broken
// thresholds and scenario diagnostics, so that they show on the pull request's lines. Escaping
// follows GitHub's runner (its escapeData/escapeProperty): data escapes `%`, CR and LF; a
// property also `:` and `,`, which would otherwise end it early.
import { describeVerdictValue, targetLabel as verdictTargetName } from '../present/verdicts';
import type { ThresholdVerdict } from '../metrics/result';
import type { Diagnostic } from '../scenario/model';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export interface AnnotationProperties {
  file?: string;
  /** 1-based. */
  line?: number;
  col?: number;
  endLine?: number;
  endColumn?: number;
  title?: string;
}

export function workflowCommand(level: AnnotationLevel, properties: AnnotationProperties, message: string): string {
  const props = Object.entries(properties)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([name, value]) => `${name}=${escapeCommandProperty(String(value))}`)
    .join(',');
  return `::${level}${props ? ` ${props}` : ''}::${escapeCommandData(message)}`;
}

/**
 * One annotation per broken rule and target: on the request's line for a request's verdict, on
 * the rule's line for the aggregate, on the file alone for a default rule.
 * `requestLine` gives a request's 0-based line by its index.
 */
export function thresholdAnnotations(verdicts: readonly ThresholdVerdict[], file: string, requestLine: (index: number) => number | undefined): string[] {
  return verdicts
    .filter((verdict) => !verdict.passed)
    .map((verdict) => {
      const line = verdict.requestIndex !== undefined ? requestLine(verdict.requestIndex) : verdict.ruleLine;
      const level: AnnotationLevel = verdict.severity === 'error' ? 'error' : 'warning';
      const title = `Loadlens threshold ${verdict.rule}`;
      const message = `${verdict.rule} broken on ${verdictTargetName(verdict)}: ${describeVerdictValue(verdict)} over ${verdict.requests} requests`;
      return workflowCommand(level, { file, line: line === undefined ? undefined : line + 1, title }, message);
    });
}

/** A scenario diagnostic as an annotation on its range (1-based lines and columns). */
export function diagnosticAnnotation(file: string, diagnostic: Diagnostic): string {
  const level: AnnotationLevel = diagnostic.severity === 'error' ? 'error' : diagnostic.severity === 'warning' ? 'warning' : 'notice';
  const { start, end } = diagnostic.range;
  return workflowCommand(
    level,
    { file, line: start.line + 1, col: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1, title: `Loadlens ${diagnostic.code}` },
    diagnostic.message,
  );
}
