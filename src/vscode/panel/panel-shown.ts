// What the results panel shows: a run of this window (its run session, live or ended), or a
// snapshot that is not a run of this window (a saved or imported result, or what the webview
// showed before a reload). A webview that says `ui/ready` gets `snapshot()` in one message.
// Free of `vscode` so that it is unit-tested.
import type { RunResult } from '../../core/metrics/result';
import type { PanelComparison, PanelSnapshot, RunHeading } from '../../core/protocol/webview';
import type { RunSession } from '../run/run-session';

type Shown = { kind: 'none' } | { kind: 'run'; session: RunSession } | { kind: 'snapshot'; snapshot: PanelSnapshot; exportable: boolean };

export class PanelShown {
  private shown: Shown = { kind: 'none' };
  /** The shown run against another; kept only while the run it is about is on display. */
  private comparison: PanelComparison | undefined;

  get isEmpty(): boolean {
    return this.shown.kind === 'none';
  }

  showRun(session: RunSession): void {
    this.shown = { kind: 'run', session };
  }

  /**
   * A snapshot from elsewhere. One that was live when it was saved belongs to a run this window
   * does not have (a reload ended it): it shows as interrupted. One that is not `exportable` is
   * only the webview's drawn copy of a run (no histograms, no intervals): Export does not write it.
   */
  showSnapshot(snapshot: PanelSnapshot, exportable = true): void {
    this.shown = { kind: 'snapshot', snapshot: snapshot.phase === 'running' ? { ...snapshot, phase: 'interrupted' } : snapshot, exportable };
  }

  /** A comparison of the run on display (Compare With…, or a run with a baseline). */
  compare(comparison: PanelComparison): void {
    this.comparison = comparison;
  }

  snapshot(): PanelSnapshot | undefined {
    const snapshot = this.shownSnapshot();
    if (!snapshot || !this.comparison || snapshot.result?.startTime !== this.comparison.nextStartTime) return snapshot;
    return { ...snapshot, comparison: this.comparison };
  }

  private shownSnapshot(): PanelSnapshot | undefined {
    switch (this.shown.kind) {
      case 'none':
        return undefined;
      case 'run':
        return this.shown.session.panelSnapshot();
      case 'snapshot':
        return this.shown.snapshot;
    }
  }

  /** The finished result on display, if any: what Export writes. */
  result(): { result: RunResult; heading?: RunHeading } | undefined {
    if (this.shown.kind === 'snapshot' && !this.shown.exportable) return undefined;
    const snapshot = this.snapshot();
    return snapshot?.result ? { result: snapshot.result, heading: snapshot.heading } : undefined;
  }

  /** True when a finished run is on display whose full result the host no longer has. */
  get shownWithoutResult(): boolean {
    return this.shown.kind === 'snapshot' && !this.shown.exportable && this.shown.snapshot.result !== undefined;
  }

  heading(): RunHeading | undefined {
    return this.shown.kind === 'run' ? this.shown.session.request.heading : this.snapshot()?.heading;
  }
}
