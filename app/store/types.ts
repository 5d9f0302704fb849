// The lab's state, one zustand store made of slices. Each slice owns its fields and the actions on them.
import type { StateCreator } from 'zustand/vanilla';
import type {
  CurvePoint,
  EvalResult,
  NumericMode,
  OperatingPoint,
  SequenceResult,
  Thresholds,
} from '../../src/engine/types';
import type { ItemFrames, Manifest, ManifestModel, ModelInfo, PackInfo } from '../../src/workers/api';
import type { AudioSlice } from '../audio/audio-slice';
import type { ConnectedSlice } from '../connected/connected-slice';
import type { DrivingSlice } from '../driving/driving-slice';
import type { ExplainSlice } from '../explain/explain-slice';
import type { HeatmapSlice } from '../heatmap/heatmap-slice';
import type { OwnModelSlice } from '../own-model/own-model-slice';
import type { StepTimingSlice } from '../timing/timing-slice';
import type { VoiceSlice } from '../voice/voice-slice';
import type { DemoSlice } from './demo-slice';

export type Status = 'idle' | 'loading' | 'ready' | 'error';

/** One neuron of the network view: an input (x) or hidden (h) unit of a layer. */
export interface NeuronRef {
  layer: number;
  kind: 'x' | 'h';
  index: number;
}

export interface Notice {
  id: number;
  kind: 'info' | 'warning' | 'error';
  text: string;
}

export interface Progress {
  done: number;
  total: number;
}

export interface CatalogSlice {
  manifest: Manifest | null;
  /** Manifest entries plus models and packs a user dropped on the page. */
  modelEntries: ManifestModel[];
  models: Record<string, ModelInfo>;
  packs: Record<string, PackInfo>;
  shippedCurves: Record<string, CurvePoint[]>;
  /** Each shipped model's operating point chosen on validation data (from its training report). */
  operatingPoints: Record<string, OperatingPoint>;
  catalogStatus: Status;
  /** What is loading right now, for the page's loading line. */
  catalogMessage: string;
}

export interface SelectionSlice {
  task: string | null;
  modelId: string | null;
  packId: string | null;
  itemIndex: number;
  thresholds: Thresholds | null;
  mode: NumericMode;
  setThreshold(kind: 'x' | 'h', layer: number | 'all', lsb: number): void;
  setThresholds(thresholds: Thresholds): void;
  setItem(index: number): void;
  setMode(mode: NumericMode): void;
}

export interface ViewSlice {
  presentation: boolean;
  perLayer: boolean;
  neuron: NeuronRef | null;
  helpOpen: boolean;
  /** False pauses every animation (the prefers-reduced-motion default). */
  motion: boolean;
  setPresentation(on: boolean): void;
  setPerLayer(on: boolean): void;
  selectNeuron(neuron: NeuronRef | null): void;
  setHelpOpen(open: boolean): void;
  setMotion(on: boolean): void;
}

export interface PlaybackSlice {
  /** Playhead in steps; fractional between steps so flashes can fade. */
  position: number;
  playing: boolean;
  speed: number;
  /** Playing past the last step starts over instead of stopping. */
  loop: boolean;
  play(): void;
  pause(): void;
  togglePlay(): void;
  step(delta: number): void;
  restart(): void;
  seek(position: number): void;
  setSpeed(speed: number): void;
  setLoop(on: boolean): void;
  /** Moves the playhead by wall-clock seconds (called by the animation clock). */
  advance(seconds: number): void;
}

export interface ResultsSlice {
  trace: SequenceResult | null;
  traceStatus: Status;
  frames: ItemFrames | null;
  evaluation: EvalResult | null;
  evalStatus: Status;
  evalProgress: Progress | null;
}

/** A curve computed in this session by "recompute live". */
export interface LiveCurve {
  mode: NumericMode;
  points: CurvePoint[];
}

export interface SweepSlice {
  /** Live curves by model id. */
  liveCurves: Record<string, LiveCurve>;
  /** Model whose sweep is running, null when none. */
  sweepModelId: string | null;
  sweepStatus: Status;
  sweepProgress: Progress | null;
  runSweep(): Promise<void>;
  cancelSweep(): void;
}

export interface NoticeSlice {
  notices: Notice[];
  notify(kind: Notice['kind'], text: string): void;
  dismiss(id: number): void;
}

export interface CatalogActions {
  /** Loads the manifest and the state a shared link asks for. */
  init(hash: string): Promise<void>;
  selectTask(task: string): Promise<void>;
  /** `uniform` sets every layer's Θx and Θh (a trade-off curve point); `thresholds` must fit the model. */
  selectModel(
    modelId: string,
    keep?: { thresholds?: Thresholds; uniform?: { thetaX: number; thetaH: number }; itemIndex?: number },
  ): Promise<void>;
  /** Loads a dropped model (.dlm, .onnx) or data file (.dlp, .npz, .npy, .csv). */
  loadFile(name: string, bytes: ArrayBuffer): Promise<void>;
  /**
   * Loads files dropped or opened together: data comes with a model is read for that model, and a
   * labels .npy goes with the features .npy beside it. Then the live curve of the result is computed.
   */
  loadFiles(files: { name: string; bytes: ArrayBuffer }[]): Promise<void>;
  /** Reads a file the user dropped or opened, refusing one over MAX_USER_FILE_BYTES before reading it. */
  openFile(file: Pick<File, 'name' | 'size' | 'arrayBuffer'>): Promise<void>;
  /** openFile for several files at once (loadFiles). */
  openFiles(files: Pick<File, 'name' | 'size' | 'arrayBuffer'>[]): Promise<void>;
}

export type LabState = CatalogSlice &
  CatalogActions &
  SelectionSlice &
  ViewSlice &
  PlaybackSlice &
  ResultsSlice &
  SweepSlice &
  NoticeSlice &
  DemoSlice &
  DrivingSlice &
  ConnectedSlice &
  ExplainSlice &
  AudioSlice &
  VoiceSlice &
  HeatmapSlice &
  StepTimingSlice &
  OwnModelSlice;

export type Slice<T> = StateCreator<LabState, [], [], T>;
