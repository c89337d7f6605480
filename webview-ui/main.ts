// The results panel's entry (dist/webview.js): draw what this panel showed before (its saved
// state, state/persisted.ts), say `ui/ready`, take the host's one `panel/snapshot`, then apply each checked message
// from the extension to the state and render it.
import './styles.css';
import { asHostMessage, WEBVIEW_PROTOCOL_VERSION } from '../src/core/protocol/webview';
import { connectHost } from './host';
import { persistedState } from './state/persisted';
import { reduce, restoreState, type PanelAction } from './state/reducer';
import { App } from './view/app';

function start(): void {
  const host = connectHost();
  const root = document.getElementById('app');
  if (!root) return;
  let state = restoreState(host.savedState());
  let scheduled = false;

  const dispatch = (action: PanelAction): void => {
    state = reduce(state, action);
    // Several messages may arrive at once (the snapshot and the next interval): save and draw once.
    if (!scheduled) {
      scheduled = true;
      setTimeout(() => {
        scheduled = false;
        host.save(persistedState(state));
        app.render(state);
      }, 0);
    }
  };

  const app = new App(root, { post: (message) => host.post(message), act: dispatch });
  app.render(state);

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = asHostMessage(event.data);
    if (message) dispatch(message);
  });
  host.post({ type: 'ui/ready', protocolVersion: WEBVIEW_PROTOCOL_VERSION });
}

start();
