// The driving view's state: clip or live road, the re-rendered clip, and the live drive (its recent
// frames in a RoadLog outside React, a version counter the canvases subscribe to, the worker's totals).
import type { DrivingClipFrames, RoadTotals } from '../../src/workers/api';
import type { Slice, Status } from '../store/types';
import { RoadLog } from './road-log';

export type DriveMode = 'clip' | 'live';
export const DRIVE_MODES = ['clip', 'live'] as const;
/** The live road's seed: a test-range road (no training drive), the same for everyone. */
export const ROAD_SEED = 200_100;

export interface DrivingSlice {
  drive: DriveMode;
  clip: DrivingClipFrames | null;
  clipStatus: Status;
  /** The user wants the car driving (the loop in driving-sync.ts drives while this is on). */
  roadRunning: boolean;
  roadStatus: Status;
  roadLog: RoadLog;
  /** Bumped on every batch of frames and on reset: canvases repaint on it. */
  roadVersion: number;
  roadTotals: RoadTotals | null;
  /** Asks the loop to start the road over from its seed. */
  roadResetCount: number;
  setDrive(mode: DriveMode): void;
  startRoad(): void;
  stopRoad(): void;
  resetRoad(): void;
}

export const createDrivingSlice: Slice<DrivingSlice> = (set, get) => ({
  drive: 'clip',
  clip: null,
  clipStatus: 'idle',
  roadRunning: false,
  roadStatus: 'idle',
  roadLog: new RoadLog(),
  roadVersion: 0,
  roadTotals: null,
  roadResetCount: 0,
  setDrive: (drive) => {
    if (drive === get().drive) return;
    // The clip pauses while the road drives, and the road stops when the clip comes back.
    set(drive === 'live' ? { drive, playing: false } : { drive, roadRunning: false });
  },
  startRoad: () => set({ drive: 'live', roadRunning: true, playing: false }),
  stopRoad: () => set({ roadRunning: false }),
  resetRoad: () => set({ roadResetCount: get().roadResetCount + 1 }),
});
