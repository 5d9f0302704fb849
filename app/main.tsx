// Entry point: one engine client (workers), one store, wired together, then the page.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createEngineClient } from '../src/workers/client';
import { App } from './App';
import { connectAudio } from './audio/audio-load';
import { engineOptions } from './boot/engine-options';
import { installOffline } from './boot/offline';
import { autoplayWhenReady, startPlaybackClock } from './canvas/playback-clock';
import { connectConnected } from './connected/connected-sync';
import { connectDriving } from './driving/driving-sync';
import { connectExplainChanges } from './explain/changes-sync';
import { startAttract } from './kiosk/attract';
import { createLabStore } from './store/create-store';
import { connectEngine } from './store/engine-sync';
import { LabContext } from './store/lab-context';
import { syncUrl } from './url/url-sync';
import './styles.css';

installOffline();
const client = createEngineClient(engineOptions());
const store = createLabStore(client);
connectEngine(store, client);
connectAudio(store, client);
connectExplainChanges(store, client);
connectDriving(store, client, window.location.hash);
connectConnected(store, client, window.location.hash);
startPlaybackClock(store);
// Reduced motion: nothing moves until the user asks (play, or step by step); otherwise the first
// sequence plays once on arrival, so a newcomer sees neurons fire without reading anything.
const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
if (reduced) store.getState().setMotion(false);
void store
  .getState()
  .init(window.location.hash)
  .then(() => {
    syncUrl(store);
    if (!reduced && !store.getState().kiosk) autoplayWhenReady(store);
    startAttract(store, window);
  });
// A link pasted into this tab's address bar changes only the hash: read it like a fresh visit.
window.addEventListener('hashchange', () => void store.getState().init(window.location.hash));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LabContext.Provider value={store}>
      <App />
    </LabContext.Provider>
  </StrictMode>,
);
