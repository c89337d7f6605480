// What the results panel shows, as the host keeps it: a live run's start, its intervals and its
// end, or a finished result. A webview that says `ui/ready` (first load, shown again, restored
// after a reload) gets `replay()` and is then where every other webview of the panel would be.
// Free of `vscode` so that it is unit-tested.
import type { RunResult } from '../../core/metrics/result';
import type { HostMessage, RunHeading } from '../../core/protocol/webview';

type Shown =
  | { kind: 'none' }
  | { kind: 'live'; started: Extract<HostMessage, { type: 'run/started' }>; updates: HostMessage[]; end?: HostMessage }
  | { kind: 'result'; message: Extract<HostMessage, { type: 'result/show' }> };

export class PanelContent {
  private shown: Shown = { kind: 'none' };
  /** A result the webview restored from its own saved state, before the host had anything. */
  private restored: { result: RunResult; heading?: RunHeading } | undefined;

  /** Takes note of a message on its way to the panel. */
  remember(message: HostMessage): void {
    switch (message.type) {
      case 'run/started':
        this.shown = { kind: 'live', started: message, updates: [] };
        this.restored = undefined;
        return;
      case 'run/interval':
      case 'run/threshold-abort':
        if (this.isLive(message.runId)) (this.shown as Extract<Shown, { kind: 'live' }>).updates.push(message);
        return;
      case 'run/finished':
      case 'run/failed':
        if (this.isLive(message.runId)) (this.shown as Extract<Shown, { kind: 'live' }>).end = message;
        return;
      case 'result/show':
        this.shown = { kind: 'result', message };
        this.restored = undefined;
        return;
      case 'host/hello':
        return;
    }
  }

  /** What a restored webview showed, when the host has nothing of its own to show. */
  adoptRestored(result: RunResult, heading: RunHeading | undefined): void {
    if (this.shown.kind === 'none') this.restored = { result, heading };
  }

  /** The messages that bring a fresh webview to what the panel shows now. */
  replay(): HostMessage[] {
    switch (this.shown.kind) {
      case 'none':
        return [];
      case 'result':
        return [this.shown.message];
      case 'live':
        return [this.shown.started, ...this.shown.updates, ...(this.shown.end ? [this.shown.end] : [])];
    }
  }

  /** The finished result on display, if any: what Export writes. */
  result(): { result: RunResult; heading?: RunHeading } | undefined {
    switch (this.shown.kind) {
      case 'result':
        return { result: this.shown.message.result, heading: this.shown.message.heading };
      case 'live':
        return this.shown.end?.type === 'run/finished' ? { result: this.shown.end.result, heading: this.shown.started.heading } : undefined;
      case 'none':
        return this.restored;
    }
  }

  heading(): RunHeading | undefined {
    if (this.shown.kind === 'live') return this.shown.started.heading;
    if (this.shown.kind === 'result') return this.shown.message.heading;
    return this.restored?.heading;
  }

  private isLive(runId: string): boolean {
    return this.shown.kind === 'live' && this.shown.started.runId === runId;
  }
}
