// The panel's one door to the extension: VS Code's webview API behind a small interface, so that
// the rest of webview-ui never touches a global, and a test page can stand in for VS Code.
import type { UiMessage } from '../src/core/protocol/webview';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface PanelHost {
  post(message: UiMessage): void;
  /** What an earlier webview of this panel saved, if any (untrusted until checked). */
  savedState(): unknown;
  save(state: unknown): void;
}

export function connectHost(): PanelHost {
  // acquireVsCodeApi may be called once per page load.
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    savedState: () => api.getState(),
    save: (state) => api.setState(state),
  };
}
