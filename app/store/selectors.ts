// Lookups shared by several components (atomic: each returns one stored object, never a new one).
import type { LabState } from './types';

export const selectModelInfo = (s: LabState) => (s.modelId ? s.models[s.modelId] : undefined);
export const selectPack = (s: LabState) => (s.packId ? s.packs[s.packId] : undefined);
export const selectItem = (s: LabState) => (s.packId ? s.packs[s.packId]?.items[s.itemIndex] : undefined);
export const selectSteps = (s: LabState) => s.trace?.trace?.steps ?? 0;
export const selectStep = (s: LabState) => Math.floor(s.position);
