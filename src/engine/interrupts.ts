// SIGINT and SIGTERM for the engine process, caught from its first moments: the engine's entry
// (src/engine/main.ts) imports this module first, so that a signal that arrives while the rest of
// the bundle loads is kept, not fatal, and stops the run once there is one.

let pending = false;
let listener: (() => void) | undefined;

function onSignal(): void {
  if (listener) listener();
  else pending = true;
}

// The one place in the engine that acts when a module loads: the entry's first import.
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

/** `handle` receives every interrupt from now on, and at once one that came before. */
export function onInterrupt(handle: () => void): void {
  listener = handle;
  if (pending) {
    pending = false;
    handle();
  }
}
