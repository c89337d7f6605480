// The load an imported scenario starts with: small and short, so that a first run against a
// server the user copied a request from cannot hurt it, and finishes within a minute. The
// user raises it in the file or with `-u`, `-t`, `--rate` (docs/importing.md).

export const DEFAULT_LOAD_DIRECTIVES = ['@users 5', '@spawn-rate 5', '@run-time 1m'];
/** A pause between iterations, as a real user makes; HAR imports use the recorded gaps instead. */
export const DEFAULT_THINK = '@think 1s..2s';

export function runHint(kind: string): string[] {
  return [
    `Imported by \`loadlens import ${kind}\`: 5 users for 1 minute to start with; change the load below or with -u, -t, --rate.`,
    'Run it: loadlens run THIS_FILE (add --host URL to point it at another server).',
  ];
}

/** `2.5` seconds (curl's -m, HAR times) as a scenario duration: `2500ms`. */
export function secondsAsDuration(seconds: number): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
