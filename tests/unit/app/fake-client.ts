// An in-test EngineClient for store tests: a tiny manifest, two-layer models, and answers that depend on
// the request (so a test can tell which request an answer belongs to). Calls can be held and released.
import { DEFAULT_FIXED_POINT } from '../../../src/engine/random-model';
import type {
  CostFigures,
  CurvePoint,
  EvalResult,
  OperatingPoint,
  SequenceResult,
} from '../../../src/engine/types';
import type {
  EngineClient,
  EvalRequest,
  FramesTraceRequest,
  InputChanges,
  InputChangesRequest,
  ItemAudio,
  ItemFrames,
  Manifest,
  ManifestModel,
  ModelInfo,
  ModelSourceOptions,
  PackInfo,
  StepTiming,
  SweepRequest,
  TraceRequest,
  VoiceBatch,
  VoiceRecording,
  WorkerStats,
} from '../../../src/workers/api';

export const MANIFEST: Manifest = {
  version: 1,
  models: [
    {
      id: 'example-tiny',
      task: 'example',
      method: 'example',
      label: 'Example',
      file: 'e.dlm',
      pack: 'example-pack',
    },
    {
      id: 'digits-dense',
      task: 'digits',
      method: 'dense',
      label: 'Dense',
      file: 'd.dlm',
      curve: 'd.json',
      report: 'd.report.json',
      pack: 'digits-test',
    },
    {
      id: 'digits-delta-l1',
      task: 'digits',
      method: 'delta-l1',
      label: 'Delta L1',
      file: 'l.dlm',
      curve: 'l.json',
      pack: 'digits-test',
    },
  ],
  packs: [
    { id: 'example-pack', task: 'example', label: 'Example', file: 'e.dlp' },
    { id: 'digits-test', task: 'digits', label: 'Digits test', file: 't.dlp' },
  ],
};

export function modelInfo(id: string): ModelInfo {
  return {
    id,
    name: id,
    description: '',
    task: { kind: 'classification', classNames: ['zero', 'one', 'two'] },
    outputAt: 'last',
    layers: [
      { inputSize: 4, hiddenSize: 3 },
      { inputSize: 3, hiddenSize: 3 },
    ],
    fixedPoint: DEFAULT_FIXED_POINT,
    trainedThresholds: { thetaX: [2, 3], thetaH: [4, 5] },
    provenance: {
      dataset: 'fake',
      trainingMethod: 'fake',
      seed: 1,
      license: 'MIT',
      attribution: '',
      createdBy: 'test',
    },
  };
}

export function packInfo(id: string): PackInfo {
  const items = Array.from({ length: 6 }, (_, i) => ({
    id: `${id}-${i}`,
    offset: i * 5,
    length: 5,
    label: i % 3,
    speaker: i < 3 ? 'ann' : 'bob',
    take: Math.floor(i / 3),
  }));
  return {
    id,
    name: id,
    task: { kind: 'classification', classNames: ['zero', 'one', 'two'] },
    inputSize: 4,
    items,
  };
}

/** The fake's "speedup": 1 + total threshold, so each threshold setting gives a distinct number. */
export function fakeSpeedup(t: { thetaX: number[]; thetaH: number[] }): number {
  return 1 + [...t.thetaX, ...t.thetaH].reduce((a, b) => a + b, 0);
}

function figures(speedup: number): CostFigures {
  return {
    speedup,
    macReduction: speedup,
    memReduction: speedup,
    occupancy: [1 / speedup, 1 / speedup],
    layerSpeedup: [speedup, speedup],
    occupancyAll: 1 / speedup,
    denseMacs: 1000,
    deltaMacs: 1000 / speedup,
    denseCost: 1000,
    deltaCost: 1000 / speedup,
    denseMem: 1000,
    deltaMem: 1000 / speedup,
    saturations: 0,
  };
}

function layerTrace(I: number, H: number, T: number) {
  const words = (n: number) => Math.ceil(n / 32);
  return {
    inputSize: I,
    hiddenSize: H,
    x: new Float32Array(T * I).map((_, k) => k / 10),
    xHat: new Float32Array(T * I),
    firedX: new Uint32Array(T * words(I)).fill(1),
    hPrev: new Float32Array(T * H),
    hHat: new Float32Array(T * H),
    firedH: new Uint32Array(T * words(H)),
    h: new Float32Array(T * H),
    nx: new Uint16Array(T).fill(1),
    nh: new Uint16Array(T),
  };
}

function cancelled(): Error {
  return Object.assign(new Error('superseded'), { kind: 'cancelled' });
}

interface Held {
  resolve(): void;
  reject(e: unknown): void;
}

export class FakeClient implements EngineClient {
  readonly workerCount = 1;
  calls: { method: string; req: unknown }[] = [];
  /** When true, trace/evaluate/sweep wait until release(). */
  hold = false;
  held: Held[] = [];
  failNext: { method: string; error: unknown } | null = null;
  /** Predictions returned by evaluate (per item). */
  predictions = [0, 1, 2, 0, 2, 1];
  private latest = new Map<string, Held>();

  manifest(): Promise<Manifest> {
    this.calls.push({ method: 'manifest', req: null });
    return Promise.resolve(structuredClone(MANIFEST));
  }

  loadModel(source: Parameters<EngineClient['loadModel']>[0]): Promise<ModelInfo> {
    const id = 'entry' in source ? source.entry.id : source.id;
    this.calls.push({ method: 'loadModel', req: id });
    return Promise.resolve(modelInfo(id));
  }

  /** Auto calibrates to Q2.5 when given data (Q3.4 without): what a test can tell apart. */
  requantizeModel(id: string, options: ModelSourceOptions): Promise<{ model: ModelInfo; packs: PackInfo[] }> {
    this.calls.push({ method: 'requantizeModel', req: { id, options } });
    const choice = options.activation ?? 'auto';
    const activation =
      choice !== 'auto'
        ? choice
        : options.calibrate
          ? { intBits: 2, fracBits: 5 }
          : { intBits: 3, fracBits: 4 };
    const source = choice !== 'auto' ? 'chosen' : options.calibrate ? 'calibrated' : 'default';
    const info = modelInfo(id);
    return Promise.resolve({
      model: {
        ...info,
        fixedPoint: { ...info.fixedPoint, activation },
        quantization: { choice, activation, source },
      },
      packs: [],
    });
  }

  loadPack(source: { entry: { id: string } } | { id: string; bytes: ArrayBuffer }): Promise<PackInfo> {
    const id = 'entry' in source ? source.entry.id : source.id;
    this.calls.push({ method: 'loadPack', req: id });
    return Promise.resolve(packInfo(id));
  }

  /** Operating points a test hands out per model id (none by default). */
  operatingPoints: Record<string, OperatingPoint> = {};

  shippedOperatingPoint(entry: ManifestModel): Promise<OperatingPoint | null> {
    this.calls.push({ method: 'shippedOperatingPoint', req: entry.id });
    return Promise.resolve(this.operatingPoints[entry.id] ?? null);
  }

  shippedCurve(entry: ManifestModel): Promise<CurvePoint[]> {
    this.calls.push({ method: 'shippedCurve', req: entry.id });
    return Promise.resolve(
      [0, 2, 4].map((t) => ({
        thetaX: t,
        thetaH: t,
        accuracy: 1 - t / 20,
        speedup: 1 + t,
        macReduction: 1 + t,
        memReduction: 1 + t,
        occupancy: 1 / (1 + t),
      })),
    );
  }

  itemFrames(packId: string, itemIndex: number): Promise<ItemFrames> {
    this.calls.push({ method: 'itemFrames', req: { packId, itemIndex } });
    return Promise.resolve({ frames: new Int8Array(20), length: 5, inputSize: 4, fracBits: 4 });
  }

  /** The recording itemAudio hands out (none by default). */
  audio: ItemAudio | null = null;

  inputChanges(req: InputChangesRequest): Promise<InputChanges> {
    this.calls.push({ method: 'inputChanges', req });
    // Two inputs over three frames: the second frame repeats the first, the third moves one input by 2.
    const frames = Int8Array.from([1, 4, 1, 4, 3, 4]);
    const changes = Uint8Array.from([1, 4, 0, 0, 2, 0]);
    const withinTheta = 3 + (req.theta >= 2 ? 1 : 0);
    return Promise.resolve({
      frames,
      length: 3,
      inputSize: 2,
      fracBits: 4,
      from: req.from ?? 0,
      changes,
      between: 4,
      unchanged: 3,
      withinTheta,
      theta: req.theta,
      unchangedShare: 3 / 4,
      withinShare: withinTheta / 4,
    });
  }

  itemAudio(packId: string, itemIndex: number): Promise<ItemAudio | null> {
    this.calls.push({ method: 'itemAudio', req: { packId, itemIndex } });
    return Promise.resolve(this.audio);
  }

  wavFeatures(modelId: string, bytes: ArrayBuffer): Promise<ItemFrames> {
    this.calls.push({ method: 'wavFeatures', req: { modelId, bytes: bytes.byteLength } });
    return Promise.resolve({ frames: new Int8Array(20), length: 5, inputSize: 4, fracBits: 4 });
  }

  traceFrames(req: FramesTraceRequest): Promise<SequenceResult> {
    return this.answer('traceFrames', { modelId: req.modelId, length: req.length }, () =>
      this.traced(req.thresholds),
    );
  }

  /** A microphone that hears one word: five frames of codes, then the recording. */
  voiceStart(req: unknown): Promise<void> {
    this.calls.push({ method: 'voiceStart', req });
    return Promise.resolve();
  }

  voicePush(samples: Float32Array): Promise<VoiceBatch> {
    this.calls.push({ method: 'voicePush', req: samples.length });
    return Promise.resolve({ frames: new Int8Array(20), length: 5, level: -20, state: 'speech' });
  }

  voiceStop(): Promise<VoiceRecording> {
    this.calls.push({ method: 'voiceStop', req: null });
    const wav = new ArrayBuffer(44);
    return Promise.resolve({
      frames: new Int8Array(20),
      length: 5,
      inputSize: 4,
      fracBits: 4,
      wav,
      seconds: 0.1,
      cut: false,
    });
  }

  /** This fake has no driving models: the driving calls are recorded and refused. */
  drivingClip(req: unknown): Promise<never> {
    return this.noDriving('drivingClip', req);
  }

  roadStart(req: unknown): Promise<never> {
    return this.noDriving('roadStart', req);
  }

  roadRun(frames: number): Promise<never> {
    return this.noDriving('roadRun', frames);
  }

  roadThresholds(req: unknown): Promise<never> {
    return this.noDriving('roadThresholds', req);
  }

  roadReset(): Promise<never> {
    return this.noDriving('roadReset', null);
  }

  roadStop(): Promise<never> {
    return this.noDriving('roadStop', null);
  }

  listenStart(req: unknown): Promise<never> {
    return this.noDriving('listenStart', req);
  }

  listenFrames(codes: Int8Array, frames: number): Promise<never> {
    return this.noDriving('listenFrames', { codes, frames });
  }

  listenSamples(samples: Float32Array): Promise<never> {
    return this.noDriving('listenSamples', samples);
  }

  listenStop(): Promise<never> {
    return this.noDriving('listenStop', null);
  }

  private noDriving(method: string, req: unknown): Promise<never> {
    this.calls.push({ method, req });
    return Promise.reject(Object.assign(new Error('no driving models in the fake'), { kind: 'not-found' }));
  }

  stats(): WorkerStats {
    return { spawned: 1, primed: 1, errors: 0, exits: 0, hangs: 0, timeouts: 0, retries: 0, hedges: 0 };
  }

  trace(req: TraceRequest): Promise<SequenceResult> {
    return this.answer('trace', req, () => this.traced(req.thresholds));
  }

  /** A trace answer: five steps whose figures depend on the thresholds. */
  private traced(thresholds: TraceRequest['thresholds']): SequenceResult {
    const s = fakeSpeedup(thresholds);
    const T = 5;
    return {
      output: new Float32Array([0, 1, 0]),
      probs: new Float32Array([0.2, 0.6, 0.2]),
      prediction: 1,
      costs: { layers: [] },
      figures: figures(s),
      trace: {
        steps: T,
        layers: [layerTrace(4, 3, T), layerTrace(3, 3, T)],
        // Each layer's trace above fires one input a step.
        fired: new Uint32Array(T).fill(2),
        firedSoFar: new Float64Array(T).map((_, t) => 2 * (t + 1)),
        output: new Float32Array(T * 3),
        probs: new Float32Array(T * 3).fill(1 / 3),
      },
    };
  }

  evaluate(req: EvalRequest): Promise<EvalResult> {
    return this.answer('evaluate', req, () => ({
      n: 6,
      correct: 3,
      accuracy: 0.5,
      predictions: Int32Array.from(this.predictions),
      costs: { layers: [] },
      figures: figures(fakeSpeedup(req.thresholds)),
    }));
  }

  sweep(req: SweepRequest, onProgress?: (done: number, total: number) => void): Promise<CurvePoint[]> {
    return this.answer('sweep', req, () => {
      onProgress?.(req.grid.length, req.grid.length);
      return req.grid.map((g) => ({
        ...g,
        accuracy: 0.9,
        speedup: 1 + g.thetaX,
        macReduction: 2,
        memReduction: 2,
        occupancy: 0.5,
      }));
    });
  }

  /** Speedup 1 + Θx, accuracy falling with Θh: a cell's figures say which setting it was. */
  sweepGrid(req: SweepRequest, onProgress?: (done: number, total: number) => void): Promise<CurvePoint[]> {
    return this.answer('sweepGrid', req, () => {
      onProgress?.(req.grid.length, req.grid.length);
      return req.grid.map((g) => ({
        ...g,
        accuracy: 1 - g.thetaH / 100,
        speedup: 1 + g.thetaX,
        macReduction: 2,
        memReduction: 2,
        occupancy: 0.5,
      }));
    });
  }

  cancelGrid(): void {
    this.calls.push({ method: 'cancelGrid', req: null });
    this.latest.get('sweepGrid')?.reject(cancelled());
    this.latest.delete('sweepGrid');
  }

  /** Dense 10 µs a step, delta 10 / speedup of the setting: the meter must show exactly these. */
  timeSteps(req: TraceRequest): Promise<StepTiming> {
    return this.answer('timeSteps', req, () => {
      const s = fakeSpeedup(req.thresholds);
      return {
        denseUsPerStep: 10,
        deltaUsPerStep: 10 / s,
        measuredSpeedup: s,
        rounds: 5,
        repeats: 8,
        steps: 5,
        kernel: 'wasm' as const,
      };
    });
  }

  cancelAll(): void {
    for (const h of this.latest.values()) h.reject(cancelled());
    this.latest.clear();
  }

  dispose(): void {}

  release(): void {
    const held = this.held;
    this.held = [];
    for (const h of held) h.resolve();
  }

  /** Latest wins per method, as the real client: a newer call rejects the older one with 'cancelled'. */
  private answer<T>(method: string, req: unknown, make: () => T): Promise<T> {
    this.calls.push({ method, req });
    this.latest.get(method)?.reject(cancelled());
    const fail = this.failNext?.method === method ? this.failNext.error : null;
    if (fail) this.failNext = null;
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const h: Held = {
        resolve: () => {
          if (settled) return;
          settled = true;
          if (this.latest.get(method) === h) this.latest.delete(method);
          if (fail) reject(fail);
          else resolve(make());
        },
        reject: (e) => {
          if (settled) return;
          settled = true;
          reject(e);
        },
      };
      this.latest.set(method, h);
      if (this.hold) this.held.push(h);
      else queueMicrotask(h.resolve);
    });
  }
}
