// What one engine worker does: holds decoded models (compiled once per numeric mode) and packs, and
// runs traces, evaluations and sweeps. Long jobs run in slices of items with a yield between them,
// so a cancel() message is handled while the job runs and the job stops at the next slice.

import { createResampler, monoDecoder, readWavHeader } from '../data/wav';
import { cnnCostPerFrame, featureCount } from '../engine/cnn';
import { type CompiledModel, compileModel } from '../engine/compile';
import { computeFigures, stepCosts } from '../engine/costs';
import { ctcBlank } from '../engine/ctc';
import { readPackFile } from '../engine/dataset';
import { CancelledError } from '../engine/errors';
import {
  evaluatePack,
  finishSweep,
  mergeEvalResults,
  sweepPackPartial,
  uniformThresholds,
} from '../engine/evaluate';
import { logMelAnalyser, normaliseEnergies, quantizeCodes } from '../engine/features/logmel';
import { checkFeatureWork, FeatureSpecError, parseLogMelSpec } from '../engine/features/spec';
import { openModelFile } from '../engine/onnx';
import { createScratch, type Scratch } from '../engine/scratch';
import { runSequence } from '../engine/sequence';
import { measureStepTime } from '../engine/timing/step-timing';
import { transcribeFrames } from '../engine/transcribe';
import type {
  CurvePoint,
  EvalResult,
  Model,
  NumericMode,
  SamplePack,
  SequenceResult,
  Thresholds,
} from '../engine/types';
import { wholeNetworkCost } from '../engine/vision';
import type {
  DrivingClipFrames,
  DrivingClipRequest,
  EngineWorkerApi,
  EvalRequest,
  FramesTraceRequest,
  InputChanges,
  InputChangesRequest,
  ItemAudio,
  ItemFrames,
  ListenInfo,
  ListenReply,
  ListenStartRequest,
  ModelInfo,
  ModelSourceOptions,
  PackInfo,
  PackSourceOptions,
  ProgressFn,
  RoadBatch,
  RoadStartRequest,
  StepTiming,
  SweepRequest,
  TraceRequest,
  VoiceBatch,
  VoiceRecording,
  VoiceStartRequest,
} from './api';
import { MAX_TRACE_FRAMES } from './api';
import { DrivingService } from './driving-service';
import { EngineError } from './errors';
import { inputChanges } from './input-changes';
import { itemAudio } from './item-audio';
import { ListenService } from './listen-service';
import { VoiceSession } from './voice-session';
import { yieldToEvents } from './yield';

/** A recording whose loudest sample is below this (−60 dBFS) holds no speech. */
const SILENCE_PEAK = 1e-3;

/** A slice aims at this much compute: short enough for cancel to land quickly, long enough that yields cost little. */
const SLICE_TARGET_MS = 12;
/** Progress messages to the page at most this often. */
const PROGRESS_INTERVAL_MS = 50;

interface LoadedModel {
  model: Model;
  compiled: Map<NumericMode, { cm: CompiledModel; scratch: Scratch }>;
}

interface Job {
  cancelled: boolean;
  /** Items per slice, adapted as the job runs. */
  sliceSize: number;
}

function modelInfo(id: string, m: Model): ModelInfo {
  return {
    id,
    name: m.name,
    description: m.description,
    task: m.task,
    outputAt: m.outputAt,
    layers: m.layers.map((l) => ({ inputSize: l.inputSize, hiddenSize: l.hiddenSize })),
    fixedPoint: m.fixedPoint,
    trainedThresholds: m.trainedThresholds,
    provenance: m.provenance,
    ...(typeof m.features.kind === 'string' && { featureKind: m.features.kind }),
    ...(m.cnn && {
      cnn: {
        width: m.cnn.width,
        height: m.cnn.height,
        features: featureCount(m.cnn),
        cost: cnnCostPerFrame(m.cnn),
      },
    }),
  };
}

/** Calls a (possibly Comlink-proxied) progress callback at most every PROGRESS_INTERVAL_MS, and always at the end. */
function throttled(onProgress: ProgressFn | undefined, total: number): (done: number) => void {
  let last = Number.NEGATIVE_INFINITY;
  return (done) => {
    if (!onProgress) return;
    const now = performance.now();
    if (done < total && now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    // Over Comlink the callback returns a promise; a page that went away must not become an unhandled rejection.
    const sent = onProgress(done, total) as unknown;
    if (sent instanceof Promise) sent.catch(() => {});
  };
}

/** A trace with what the page shows of it: the page never derives figures itself (DESIGN.md section 6). */
function traceReply(cm: CompiledModel, result: SequenceResult): SequenceResult {
  const cnn = cm.model.cnn;
  const blank = ctcBlank(cm);
  const tr = result.trace;
  return {
    ...result,
    figures: computeFigures(result.costs),
    ...(tr && { stepCosts: stepCosts(tr) }),
    ...(tr && blank !== null && { transcript: transcribeFrames(tr.probs, tr.steps, cm.outputs, blank) }),
    ...(cnn && { whole: wholeNetworkCost(cnnCostPerFrame(cnn), result.costs) }),
  };
}

export class EngineService implements EngineWorkerApi {
  private readonly models = new Map<string, LoadedModel>();
  private readonly packs = new Map<string, SamplePack>();
  private readonly jobs = new Map<number, Job>();
  private readonly cancelledEarly = new Set<number>();
  private readonly voices = new Map<string, VoiceSession>();
  private readonly driving = new DrivingService({
    model: (id) => this.loaded(id).model,
    pack: (id) => this.pack(id),
    compiled: (id, mode) => this.compiled(id, mode).cm,
  });
  private readonly listening = new ListenService({
    model: (id) => this.loaded(id).model,
    compiled: (id, mode) => this.compiled(id, mode).cm,
    audioSpec: (id) => this.audioSpec(id),
  });

  async loadModel(id: string, bytes: ArrayBuffer, options: ModelSourceOptions = {}): Promise<ModelInfo> {
    const choice = options.activation ?? 'auto';
    const cal = options.calibrate;
    const { model, decision } = openModelFile(new Uint8Array(bytes), {
      fallbackName: id,
      choice,
      calibrate: cal && { data: new Uint8Array(cal.data), labels: cal.labels && new Uint8Array(cal.labels) },
    });
    this.models.set(id, { model, compiled: new Map() });
    const info = modelInfo(id, model);
    if (!decision) return info;
    const calibratedOn = decision.source === 'calibrated' ? cal?.name : undefined;
    return { ...info, quantization: { ...decision, choice, ...(calibratedOn && { calibratedOn }) } };
  }

  async loadPack(id: string, bytes: ArrayBuffer, options: PackSourceOptions = {}): Promise<PackInfo> {
    const { pack, values, saturated } = readPackFile(new Uint8Array(bytes), {
      model: options.forModel ? this.loaded(options.forModel).model : undefined,
      labels: options.labels && new Uint8Array(options.labels),
      name: id,
    });
    this.packs.set(id, pack);
    return {
      id,
      name: pack.name,
      task: pack.task,
      inputSize: pack.inputSize,
      items: pack.items,
      activation: pack.activation,
      ...(values > 0 && { quantized: { values, saturated } }),
    };
  }

  async itemFrames(packId: string, itemIndex: number): Promise<ItemFrames> {
    const pack = this.pack(packId);
    const item = this.item(pack, itemIndex);
    const n = pack.inputSize;
    return {
      // A copy: the result's buffer is transferred to the page and must not take the pack's with it.
      frames: pack.frames.slice(item.offset * n, (item.offset + item.length) * n),
      length: item.length,
      inputSize: n,
      fracBits: pack.activation.fracBits,
    };
  }

  async inputChanges(req: InputChangesRequest): Promise<InputChanges> {
    const pack = this.pack(req.packId);
    return inputChanges(pack, this.item(pack, req.itemIndex), req);
  }

  async itemAudio(packId: string, itemIndex: number): Promise<ItemAudio | null> {
    const pack = this.pack(packId);
    return itemAudio(pack, this.item(pack, itemIndex));
  }

  /**
   * Every limit is checked before any sample is decoded (the WAV header against WAV_LIMITS, the
   * model's feature spec, the work the recording would cost); then decoding, resampling and the
   * FFT run in ~12 ms slices, so a long recording never blocks the worker and can be cancelled.
   */
  async wavFeatures(jobId: number, modelId: string, bytes: ArrayBuffer): Promise<ItemFrames> {
    const spec = this.audioSpec(modelId);
    const wav = new Uint8Array(bytes);
    const header = readWavHeader(wav);
    checkFeatureWork(header.seconds, spec);
    return this.withJob(jobId, async (job) => {
      const decode = monoDecoder(wav, header);
      let mono = new Float32Array(header.frames);
      const raw = mono;
      await this.phase(job, header.frames, (a, b) => decode(a, b, raw));
      let peak = 0;
      for (let i = 0; i < raw.length; i++) peak = Math.max(peak, Math.abs(raw[i]));
      const silent = peak < SILENCE_PEAK;
      if (header.sampleRate !== spec.sampleRate) {
        const resampler = createResampler(raw, header.sampleRate, spec.sampleRate);
        const out = new Float32Array(resampler.outputLength);
        await this.phase(job, resampler.outputLength, (a, b) => resampler.run(a, b, out));
        mono = out;
      }
      const analyser = logMelAnalyser(spec);
      const length = analyser.frames(mono.length);
      const energies = new Float32Array(length * spec.bands);
      await this.phase(job, length, (a, b) => analyser.run(mono, a, b, energies));
      const frames = quantizeCodes(normaliseEnergies(energies, spec), spec.activation);
      return { frames, length, inputSize: spec.bands, fracBits: spec.activation.fracBits, silent };
    });
  }

  async trace(req: TraceRequest): Promise<SequenceResult> {
    const { cm, scratch } = this.compiled(req.modelId, req.mode);
    const pack = this.pack(req.packId);
    const item = this.item(pack, req.itemIndex);
    const result = runSequence(cm, req.thresholds, pack.frames, item.length, {
      trace: true,
      offset: item.offset,
      targets: pack.targets,
      scratch,
    });
    return traceReply(cm, result);
  }

  async timeSteps(req: TraceRequest): Promise<StepTiming> {
    const { cm } = this.compiled(req.modelId, req.mode);
    const pack = this.pack(req.packId);
    const item = this.item(pack, req.itemIndex);
    return measureStepTime(cm, req.thresholds, pack.frames, item.length, {
      now: () => performance.now(),
      offset: item.offset,
    });
  }

  async traceFrames(req: FramesTraceRequest): Promise<SequenceResult> {
    const { cm, scratch } = this.compiled(req.modelId, req.mode);
    const n = cm.inputSize;
    if (!(req.frames instanceof Int8Array) || !Number.isInteger(req.length) || req.length < 1) {
      throw new EngineError('format', 'a recording needs at least one frame of activation codes');
    }
    if (req.frames.length !== req.length * n) {
      throw new EngineError(
        'format',
        `${req.length} frames of ${n} inputs need ${req.length * n} codes, got ${req.frames.length}`,
      );
    }
    if (req.length > MAX_TRACE_FRAMES) {
      throw new EngineError(
        'format',
        `too long: ${req.length} frames, the lab plays at most ${MAX_TRACE_FRAMES} (30 s of speech) as a sample`,
      );
    }
    return traceReply(cm, runSequence(cm, req.thresholds, req.frames, req.length, { trace: true, scratch }));
  }

  async voiceStart(req: VoiceStartRequest): Promise<void> {
    const spec = this.audioSpec(req.modelId);
    if (!Number.isFinite(req.sampleRate) || req.sampleRate < 8000 || req.sampleRate > 384_000) {
      throw new EngineError('format', `microphone rate: ${req.sampleRate} Hz, expected 8 to 384 kHz`);
    }
    this.voices.set(req.sessionId, new VoiceSession(spec, req.sampleRate));
  }

  async voicePush(sessionId: string, samples: Float32Array): Promise<VoiceBatch> {
    return this.voice(sessionId).push(samples);
  }

  async voiceStop(sessionId: string): Promise<VoiceRecording> {
    const session = this.voice(sessionId);
    this.voices.delete(sessionId);
    return session.stop();
  }

  async listenStart(req: ListenStartRequest): Promise<ListenInfo> {
    return this.listening.start(req);
  }

  async listenFrames(sessionId: string, codes: Int8Array, frames: number): Promise<ListenReply> {
    return this.listening.frames(sessionId, codes, frames);
  }

  async listenSamples(sessionId: string, samples: Float32Array): Promise<ListenReply> {
    return this.listening.samples(sessionId, samples);
  }

  async listenStop(sessionId: string): Promise<void> {
    this.listening.stop(sessionId);
  }

  async drivingClip(jobId: number, req: DrivingClipRequest): Promise<DrivingClipFrames> {
    return this.withJob(jobId, (job) => this.driving.clip(req, (n, run) => this.phase(job, n, run)));
  }

  async roadStart(req: RoadStartRequest): Promise<RoadBatch> {
    return this.driving.roadStart(req);
  }

  async roadRun(jobId: number, sessionId: string, frames: number): Promise<RoadBatch> {
    return this.withJob(jobId, (job) =>
      this.driving.roadRun(sessionId, frames, (n, run) => this.phase(job, n, run)),
    );
  }

  async roadThresholds(sessionId: string, thresholds: Thresholds): Promise<void> {
    this.driving.roadThresholds(sessionId, thresholds);
  }

  async roadStop(sessionId: string): Promise<void> {
    this.driving.roadStop(sessionId);
  }

  async evaluate(jobId: number, req: EvalRequest, onProgress?: ProgressFn): Promise<EvalResult> {
    const { cm, scratch } = this.compiled(req.modelId, req.mode);
    const pack = this.pack(req.packId);
    const [from, to] = this.range(pack, req);
    if (to === from) return evaluatePack(cm, pack, req.thresholds, { from, to, scratch });
    const report = throttled(onProgress, to - from);
    return this.withJob(jobId, async (job) => {
      const parts = await this.sliced(job, from, to, (a, b) => {
        const part = evaluatePack(cm, pack, req.thresholds, { from: a, to: b, scratch });
        report(b - from);
        return part;
      });
      return mergeEvalResults(parts, cm.model.task.kind);
    });
  }

  async sweepPartial(jobId: number, req: SweepRequest, onProgress?: ProgressFn): Promise<EvalResult[]> {
    const { cm, scratch } = this.compiled(req.modelId, req.mode);
    const pack = this.pack(req.packId);
    const [from, to] = this.range(pack, req);
    if (to === from || req.grid.length === 0)
      return sweepPackPartial(cm, pack, req.grid, { from, to, scratch });
    const n = to - from;
    const report = throttled(onProgress, req.grid.length * n);
    const layers = cm.layers.length;
    // Grid points outside, item slices inside: a slice stays ~SLICE_TARGET_MS however long the grid,
    // and evaluatePack at uniform thresholds is exactly what sweepPackPartial computes per point.
    return this.withJob(jobId, async (job) => {
      const points: EvalResult[] = [];
      for (const [k, g] of req.grid.entries()) {
        const th = uniformThresholds(layers, g.thetaX, g.thetaH);
        const parts = await this.sliced(job, from, to, (a, b) => {
          const part = evaluatePack(cm, pack, th, { from: a, to: b, scratch });
          report(k * n + b - from);
          return part;
        });
        points.push(mergeEvalResults(parts, cm.model.task.kind));
      }
      return points;
    });
  }

  async sweep(jobId: number, req: SweepRequest, onProgress?: ProgressFn): Promise<CurvePoint[]> {
    const partial = await this.sweepPartial(jobId, req, onProgress);
    return finishSweep(req.grid, [partial], this.loaded(req.modelId).model.task.kind);
  }

  async ping(): Promise<true> {
    return true;
  }

  cancel(jobId: number): void {
    const job = this.jobs.get(jobId);
    if (job) job.cancelled = true;
    else {
      // A job cancelled before it started here (run again on a replacement, or hedged, after it was
      // superseded) must not then run to its end. Ids only grow, so the newest few are enough.
      this.cancelledEarly.add(jobId);
      if (this.cancelledEarly.size > 64) this.cancelledEarly.delete(Math.min(...this.cancelledEarly));
    }
  }

  /** Registers a job so cancel(jobId) can find it while it runs. */
  private async withJob<T>(jobId: number, body: (job: Job) => Promise<T>): Promise<T> {
    const job: Job = { cancelled: this.cancelledEarly.has(jobId), sliceSize: 1 };
    this.jobs.set(jobId, job);
    try {
      return await body(job);
    } finally {
      this.jobs.delete(jobId);
    }
  }

  /**
   * Runs items [from, to) as consecutive slices sized to about SLICE_TARGET_MS each, yielding to the
   * event loop after every slice so cancel(jobId) can land; throws CancelledError at the next boundary.
   */
  private async sliced<T>(
    job: Job,
    from: number,
    to: number,
    run: (a: number, b: number) => T,
  ): Promise<T[]> {
    const parts: T[] = [];
    for (let a = from; a < to; ) {
      if (job.cancelled) throw new CancelledError('cancelled');
      const b = Math.min(to, a + job.sliceSize);
      const t0 = performance.now();
      parts.push(run(a, b));
      const ms = performance.now() - t0;
      // Grow at most 4x per slice so one slow item cannot follow a run of cheap ones unnoticed.
      job.sliceSize = Math.max(
        1,
        Math.min(job.sliceSize * 4, Math.round((job.sliceSize * SLICE_TARGET_MS) / Math.max(ms, 0.05))),
      );
      a = b;
      await yieldToEvents();
    }
    if (job.cancelled) throw new CancelledError('cancelled');
    return parts;
  }

  /** One stage of a sliced job over units [0, n): slice sizes start small again, as units differ in cost. */
  private async phase(job: Job, n: number, run: (a: number, b: number) => void): Promise<void> {
    job.sliceSize = 1;
    await this.sliced(job, 0, n, run);
  }

  /** The model's log-mel spec, checked against its input size. */
  private audioSpec(modelId: string) {
    const { model } = this.loaded(modelId);
    const spec = parseLogMelSpec(model.features);
    if (spec.bands !== model.layers[0].inputSize) {
      throw new FeatureSpecError(
        `bands: ${spec.bands}, but the model takes ${model.layers[0].inputSize} inputs`,
      );
    }
    return spec;
  }

  private voice(sessionId: string): VoiceSession {
    const v = this.voices.get(sessionId);
    if (!v) throw new EngineError('not-found', `no microphone session '${sessionId}' (voiceStart first)`);
    return v;
  }

  private loaded(modelId: string): LoadedModel {
    const loaded = this.models.get(modelId);
    if (!loaded) throw new EngineError('not-found', `model '${modelId}' is not loaded`);
    return loaded;
  }

  /** The model compiled for a numeric mode, compiled on first use and cached with its scratch buffers. */
  private compiled(modelId: string, mode: NumericMode): { cm: CompiledModel; scratch: Scratch } {
    const loaded = this.loaded(modelId);
    let entry = loaded.compiled.get(mode);
    if (!entry) {
      const cm = compileModel(loaded.model, mode);
      entry = { cm, scratch: createScratch(cm) };
      loaded.compiled.set(mode, entry);
    }
    return entry;
  }

  private pack(packId: string): SamplePack {
    const pack = this.packs.get(packId);
    if (!pack) throw new EngineError('not-found', `sample pack '${packId}' is not loaded`);
    return pack;
  }

  private item(pack: SamplePack, index: number) {
    const item = pack.items[index];
    if (!Number.isInteger(index) || !item) {
      throw new EngineError('not-found', `sample pack '${pack.name}' has no item ${index}`);
    }
    return item;
  }

  private range(pack: SamplePack, req: { from?: number; to?: number }): [number, number] {
    const from = req.from ?? 0;
    const to = req.to ?? pack.items.length;
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to < from || to > pack.items.length) {
      throw new EngineError(
        'not-found',
        `item range [${from}, ${to}) is outside the pack's ${pack.items.length} items`,
      );
    }
    return [from, to];
  }
}
