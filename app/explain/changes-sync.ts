// Step 3's figures from the engine: while the step is open, the sample's frame-to-frame changes and
// those of a window of a driving test clip, both counted against the lab's layer-1 Θx. The driving pack
// is loaded into the workers on first need (it is small); the lab's own task does not change.
import type { StoreApi } from 'zustand/vanilla';
import type { EngineClient } from '../../src/workers/api';
import { errorText, isCancelled } from '../store/engine-errors';
import type { LabState } from '../store/types';

/** The step these figures belong to (1-based, steps.tsx). */
export const CHANGES_STEP = 3;
/** Ten seconds of the first driving test clip (20 frames a second). */
export const DRIVING_WINDOW = { itemIndex: 0, from: 0, to: 200 };

const thetaOf = (s: LabState) => s.thresholds?.thetaX[0];

export function connectExplainChanges(store: StoreApi<LabState>, client: EngineClient): () => void {
  let drivingPack: Promise<string> | null = null;
  let asked = 0;
  const fail = (what: string) => (e: unknown) => {
    if (!isCancelled(e)) store.getState().notify('warning', `Step 3 could not show ${what}: ${errorText(e)}`);
  };

  const driving = (s: LabState): Promise<string> | null => {
    const entry = s.manifest?.packs.find((p) => p.task === 'driving');
    if (!entry) return null;
    drivingPack ??= s.packs[entry.id]
      ? Promise.resolve(entry.id)
      : client.loadPack({ entry }).then((info) => info.id);
    return drivingPack;
  };

  const refresh = (s: LabState) => {
    const theta = thetaOf(s);
    // Counted against the model's threshold only: none yet while the first model loads.
    if (theta === undefined) return;
    const id = ++asked;
    if (s.packId && !s.recording) {
      client
        .inputChanges({ packId: s.packId, itemIndex: s.itemIndex, theta })
        .then((c) => id === asked && store.setState({ sampleChanges: c }), fail('the sample’s changes'));
    } else store.setState({ sampleChanges: null });
    const pack = driving(s);
    if (!pack) return;
    pack
      .then((packId) => client.inputChanges({ packId, ...DRIVING_WINDOW, theta }))
      .then(
        (c) => id === asked && store.setState({ drivingChanges: c }),
        (e) => {
          drivingPack = null;
          fail('the driving clip')(e);
        },
      );
  };

  if (store.getState().explainStep === CHANGES_STEP) refresh(store.getState());
  return store.subscribe((s, prev) => {
    if (s.explainStep !== CHANGES_STEP) return;
    const opened = prev.explainStep !== CHANGES_STEP;
    const changed =
      s.packId !== prev.packId ||
      s.itemIndex !== prev.itemIndex ||
      s.recording !== prev.recording ||
      thetaOf(s) !== thetaOf(prev) ||
      s.manifest !== prev.manifest;
    if (opened || changed) refresh(s);
  });
}
