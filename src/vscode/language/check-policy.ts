// Which core diagnostics the editor shows. Pure.
import type { Diagnostic } from '../../core/scenario';

/**
 * `missing-host` says a relative URL has no `# @host`; the run will still have one when the
 * `loadlens.host` setting is set, so the warning would only be noise then.
 */
export function diagnosticsToShow(diagnostics: readonly Diagnostic[], hostSetting: string): Diagnostic[] {
  return hostSetting === '' ? [...diagnostics] : diagnostics.filter((diagnostic) => diagnostic.code !== 'missing-host');
}
