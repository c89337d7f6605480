// Checks on arrival for the engine protocol: a message that crossed a process boundary is
// `unknown` until one of these says what it is. Shallow by design: the discriminant and the
// fields a handler reads before anything else, not a full schema validation.

import type { EngineCommand, EngineEvent } from './engine';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for a `run/start` or `run/stop` command. */
export function isEngineCommand(message: unknown): message is EngineCommand {
  if (!isRecord(message)) return false;
  switch (message.type) {
    case 'run/start':
      return (
        typeof message.protocolVersion === 'number' &&
        typeof message.runId === 'string' &&
        typeof message.scenarioPath === 'string' &&
        typeof message.scenarioText === 'string' &&
        isRecord(message.options) &&
        (message.allowedFolders === undefined || (Array.isArray(message.allowedFolders) && message.allowedFolders.every((folder) => typeof folder === 'string')))
      );
    case 'run/stop':
      return true;
    default:
      return false;
  }
}

/** True for any event the engine sends to its parent. */
export function isEngineEvent(message: unknown): message is EngineEvent {
  if (!isRecord(message)) return false;
  switch (message.type) {
    case 'run/started':
      return typeof message.runId === 'string' && typeof message.startTime === 'number' && isRecord(message.load) && Array.isArray(message.requestNames);
    case 'run/interval':
      return typeof message.runId === 'string' && isRecord(message.snapshot);
    case 'run/threshold-abort':
      return typeof message.runId === 'string' && typeof message.rule === 'string' && typeof message.target === 'string';
    case 'run/finished':
      return typeof message.runId === 'string' && isRecord(message.result);
    case 'run/error':
      return typeof message.code === 'string' && typeof message.message === 'string';
    case 'run/log':
      return typeof message.level === 'string' && typeof message.message === 'string';
    default:
      return false;
  }
}
