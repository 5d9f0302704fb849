// The one lab store, made of slices; the engine client is its only way to compute.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EngineClient } from '../../src/workers/api';
import { createAudioSlice } from '../audio/audio-slice';
import { createConnectedSlice } from '../connected/connected-slice';
import { createDrivingSlice } from '../driving/driving-slice';
import { createExplainSlice } from '../explain/explain-slice';
import { createHeatmapSlice } from '../heatmap/heatmap-slice';
import { createOwnModelSlice } from '../own-model/own-model-slice';
import { createStepTimingSlice } from '../timing/timing-slice';
import { createVoiceSlice } from '../voice/voice-slice';
import { createCatalogSlice } from './catalog-slice';
import { createDemoSlice } from './demo-slice';
import { createNoticeSlice } from './notice-slice';
import { createPlaybackSlice } from './playback-slice';
import { createResultsSlice } from './results-slice';
import { createSelectionSlice } from './selection-slice';
import { createSweepSlice } from './sweep-slice';
import type { LabState } from './types';
import { createViewSlice } from './view-slice';

export type LabStore = StoreApi<LabState>;

/**
 * The slices as one state object. Two slices defining the same key would otherwise be merged
 * silently, the later one replacing the earlier's action or value, so that is refused.
 */
export function mergeSlices<S extends object[]>(slices: [...S]): AllOf<S[number]> {
  const merged: Record<string, unknown> = {};
  for (const slice of slices) {
    for (const [key, value] of Object.entries(slice)) {
      if (key in merged) throw new Error(`lab store: two slices define '${key}'`);
      merged[key] = value;
    }
  }
  return merged as AllOf<S[number]>;
}

/** The intersection of a union's members: what merging one slice of each type gives. */
type AllOf<U> = (U extends unknown ? (u: U) => void : never) extends (all: infer A) => void ? A : never;

export function createLabStore(client: EngineClient): LabStore {
  return createStore<LabState>()((...a) =>
    mergeSlices([
      createCatalogSlice(client)(...a),
      createSelectionSlice(...a),
      createViewSlice(...a),
      createPlaybackSlice(...a),
      createResultsSlice(...a),
      createSweepSlice(client)(...a),
      createNoticeSlice(...a),
      createDemoSlice(...a),
      createDrivingSlice(...a),
      createConnectedSlice(...a),
      createExplainSlice(...a),
      createAudioSlice(...a),
      createVoiceSlice(client)(...a),
      createHeatmapSlice(client)(...a),
      createStepTimingSlice(...a),
      createOwnModelSlice(client)(...a),
    ]),
  );
}
