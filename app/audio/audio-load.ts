// Fetches the recording of the pack item on screen from a worker whenever the item changes
// (latest wins: a quick run through the samples only keeps the last answer).
import type { StoreApi } from 'zustand/vanilla';
import type { EngineClient } from '../../src/workers/api';
import { errorText } from '../store/engine-errors';
import type { LabState } from '../store/types';

export function connectAudio(store: StoreApi<LabState>, client: EngineClient): () => void {
  let latest = 0;
  const load = (s: LabState) => {
    const id = ++latest;
    store.setState({ sampleAudio: null });
    if (!s.packId) return;
    const { packId, itemIndex } = s;
    client.itemAudio(packId, itemIndex).then(
      (audio) => {
        if (id === latest) store.setState({ sampleAudio: audio });
      },
      (e) => {
        if (id === latest) store.getState().notify('warning', `No sound for this sample: ${errorText(e)}`);
      },
    );
  };
  if (store.getState().packId) load(store.getState());
  return store.subscribe((s, prev) => {
    if (s.packId !== prev.packId || s.itemIndex !== prev.itemIndex) load(s);
  });
}
