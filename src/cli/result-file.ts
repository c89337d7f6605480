// Reading a result that `loadlens run --json` wrote, for `compare`, `report` and `--baseline`.
import type { RunResult } from '../core/metrics/result';
import { parseResultJson } from '../core/report';
import { CliFailure, ExitCode } from './exit-codes';
import { readUserFile } from './scenario-file';

/** The result in `path`; unreadable or not a result: exit 2 with what to do. */
export function readResultFile(path: string, what = 'result'): RunResult {
  const parsed = parseResultJson(readUserFile(path, what));
  if (!parsed.ok) {
    throw new CliFailure(`${path}: ${parsed.message}. (\`loadlens run SCENARIO --json FILE\` writes a result.)`, ExitCode.usage);
  }
  return parsed.result;
}
