// Shared helpers of the scenario tests: build files from lines, pick diagnostics by code.
import assert from 'node:assert/strict';
import { checkScenario, type CheckEnvironment, type Diagnostic, type Range } from '../../../src/core/scenario';

/** A scenario from its lines. */
export function file(...lines: string[]): string {
  return lines.join('\n');
}

export function range(line: number, start: number, end: number, endLine = line): Range {
  return { start: { line, character: start }, end: { line: endLine, character: end } };
}

export function diagnosticsOf(text: string, env?: CheckEnvironment): Diagnostic[] {
  return checkScenario(text, env).diagnostics;
}

/** The one diagnostic with that code (fails if there are none or several). */
export function only(text: string, code: string, env?: CheckEnvironment): Diagnostic {
  const all = diagnosticsOf(text, env);
  const found = all.filter((d) => d.code === code);
  assert.equal(found.length, 1, `expected one '${code}', got: ${JSON.stringify(all.map((d) => [d.code, d.message]))}`);
  return found[0] as Diagnostic;
}

export function codes(text: string, env?: CheckEnvironment): string[] {
  return diagnosticsOf(text, env).map((d) => d.code);
}

/** Asserts the file has no diagnostics at all. */
export function assertClean(text: string, env?: CheckEnvironment): void {
  const all = diagnosticsOf(text, env);
  assert.deepEqual(all.map((d) => `${d.code}: ${d.message}`), []);
}

/** A header with a host, a load model and a run time, so that only the rule under test speaks. */
export const HEADER = ['# @host http://localhost:8888', '# @users 10', '# @run-time 1m'];
