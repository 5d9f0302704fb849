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

export function createLabStore(client: EngineClient): LabStore {
  return createStore<LabState>()((...a) => ({
    ...createCatalogSlice(client)(...a),
    ...createSelectionSlice(...a),
    ...createViewSlice(...a),
    ...createPlaybackSlice(...a),
    ...createResultsSlice(...a),
    ...createSweepSlice(client)(...a),
    ...createNoticeSlice(...a),
    ...createDemoSlice(...a),
    ...createDrivingSlice(...a),
    ...createConnectedSlice(...a),
    ...createExplainSlice(...a),
    ...createAudioSlice(...a),
    ...createVoiceSlice(client)(...a),
    ...createHeatmapSlice(client)(...a),
    ...createStepTimingSlice(...a),
    ...createOwnModelSlice(client)(...a),
  }));
}
