// The page's handle on the engine: a pool of workers, jobs split across them by item range and
// merged exactly, "latest wins" per method, typed errors and no request without a time limit.
// Cancellation is a message, not a SharedArrayBuffer flag: that would need cross-origin isolation
// (COOP/COEP headers), which a static build opened from any server cannot count on. Workers run
// long jobs in ~12 ms slices and read their cancelled flag between slices (engine-service.ts).
import * as Comlink from 'comlink';
import { finishSweep, mergeEvalResults } from '../engine/evaluate';
import type {
  CurvePoint,
  EvalResult,
  OperatingPoint,
  SequenceResult,
  TaskMeta,
  Thresholds,
} from '../engine/types';
import { wholeNetworkCost } from '../engine/vision';
import type {
  DrivingClipFrames,
  DrivingClipRequest,
  EngineClient,
  EvalRequest,
  FramesTraceRequest,
  InputChanges,
  InputChangesRequest,
  ItemAudio,
  ItemFrames,
  ListenInfo,
  ListenReply,
  ListenStartRequest,
  Manifest,
  ManifestModel,
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
} from './api';
import { Assets } from './assets';
import { EngineError } from './errors';
import { Job } from './job';
import type { LivenessOptions } from './liveness';
import { type CallHandle, type PoolStats, type RemoteEngine, type WorkerLike, WorkerPool } from './pool';
import { progressAggregator } from './progress';
import { splitRange } from './split';

export { EngineError } from './errors';

/** More workers than this buy little on the machines the lab targets and cost memory per model copy. */
export const MAX_DEFAULT_WORKERS = 4;

export interface EngineTimeouts {
  /** Loading (decoding, validating) one model or pack. */
  loadMs: number;
  /** One trace or item-frames call. */
  callMs: number;
  /** Evaluate/sweep: the longest silence between two progress reports of one worker. */
  idleMs: number;
}

export const DEFAULT_TIMEOUTS: EngineTimeouts = { loadMs: 30_000, callMs: 15_000, idleMs: 30_000 };

export interface EngineClientOptions {
  /** Worker count; default navigator.hardwareConcurrency capped to [1, MAX_DEFAULT_WORKERS]. */
  workers?: number;
  /** Default './models/manifest.json', relative to the page. */
  manifestUrl?: string;
  /** Default: the Vite-bundled engine.worker.ts as a module worker. */
  createWorker?: () => WorkerLike;
  timeouts?: Partial<EngineTimeouts>;
  /** Heartbeat settings (tests shorten or lengthen them). */
  liveness?: Partial<LivenessOptions>;
  /** A warm spare worker that takes over from a dead one at once (default true). */
  spare?: boolean;
}

export function defaultWorkerCount(): number {
  const cores = typeof navigator === 'undefined' ? 2 : navigator.hardwareConcurrency || 2;
  return Math.max(1, Math.min(MAX_DEFAULT_WORKERS, cores));
}

function createBrowserWorker(): WorkerLike {
  return new Worker(new URL('./engine.worker.ts', import.meta.url), {
    type: 'module',
    name: 'deltalab-engine',
  });
}

type LatestMethod =
  | 'evaluate'
  | 'sweep'
  | 'grid'
  | 'timeSteps'
  | 'trace'
  | 'traceFrames'
  | 'wavFeatures'
  | 'drivingClip';

/** The live road's session: pinned to one worker slot, restarted from its seed if that worker is lost. */
interface RoadSession {
  slot: number;
  req: RoadStartRequest;
}

class PooledEngineClient implements EngineClient {
  readonly workerCount: number;
  private readonly pool: WorkerPool;
  private readonly assets: Assets;
  private readonly timeouts: EngineTimeouts;
  /** Bytes of everything loaded, replayed into a replacement worker. */
  private readonly modelBytes = new Map<string, { bytes: ArrayBuffer; options: ModelSourceOptions }>();
  private readonly packBytes = new Map<string, { bytes: ArrayBuffer; options: PackSourceOptions }>();
  private readonly modelInfos = new Map<string, ModelInfo>();
  private readonly packInfos = new Map<string, PackInfo>();
  private readonly latest = new Map<LatestMethod, Job>();
  private nextJobId = 1;
  private nextSlot = 0;
  private road: RoadSession | null = null;
  /** The microphone session: pinned to one worker (its stream state lives there). */
  private voice: { slot: number; sessionId: string } | null = null;
  private nextVoice = 1;
  /** The always-on listening session: pinned to one worker like the microphone's. */
  private listen: { slot: number; sessionId: string } | null = null;
  private nextListen = 1;
  private nextRoad = 1;

  constructor(opts: EngineClientOptions) {
    this.workerCount = Math.max(1, Math.floor(opts.workers ?? defaultWorkerCount()));
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...opts.timeouts };
    const base = typeof location === 'undefined' ? 'http://localhost/' : location.href;
    this.assets = new Assets(opts.manifestUrl ?? './models/manifest.json', base);
    this.pool = new WorkerPool(
      this.workerCount,
      opts.createWorker ?? createBrowserWorker,
      (remote) => this.prime(remote),
      { liveness: opts.liveness, primeMs: this.timeouts.loadMs, spare: opts.spare },
    );
  }

  manifest(): Promise<Manifest> {
    return this.assets.manifest();
  }

  async loadModel(
    source: { entry: ManifestModel } | ({ id: string; bytes: ArrayBuffer } & ModelSourceOptions),
  ): Promise<ModelInfo> {
    const [id, bytes] =
      'entry' in source
        ? [source.entry.id, await this.assets.bytes(source.entry.file)]
        : [source.id, source.bytes];
    const options: ModelSourceOptions =
      'entry' in source ? {} : { activation: source.activation, calibrate: source.calibrate };
    return this.installModel(id, bytes.slice(0), options);
  }

  async requantizeModel(
    id: string,
    options: ModelSourceOptions,
  ): Promise<{ model: ModelInfo; packs: PackInfo[] }> {
    const loaded = this.modelBytes.get(id);
    if (!loaded) throw new EngineError('not-found', `model '${id}' is not loaded`);
    const model = await this.installModel(id, loaded.bytes, options);
    const packs: PackInfo[] = [];
    for (const [packId, p] of this.packBytes) {
      if (p.options.forModel !== id) continue;
      const info = await this.onEveryWorker((remote) =>
        remote.loadPack(packId, transferCopy(p.bytes), p.options),
      );
      this.packInfos.set(packId, info);
      packs.push(info);
    }
    return { model, packs };
  }

  async loadPack(
    source:
      | { entry: { id: string; file: string } }
      | ({ id: string; bytes: ArrayBuffer } & PackSourceOptions),
  ): Promise<PackInfo> {
    const [id, bytes] =
      'entry' in source
        ? [source.entry.id, await this.assets.bytes(source.entry.file)]
        : [source.id, source.bytes];
    const options: PackSourceOptions =
      'entry' in source ? {} : { forModel: source.forModel, labels: source.labels };
    const info = await this.onEveryWorker((remote) => remote.loadPack(id, transferCopy(bytes), options));
    this.packBytes.set(id, { bytes: bytes.slice(0), options });
    this.packInfos.set(id, info);
    return info;
  }

  shippedOperatingPoint(entry: ManifestModel): Promise<OperatingPoint | null> {
    return entry.report ? this.assets.operatingPoint(entry.report) : Promise.resolve(null);
  }

  shippedCurve(entry: ManifestModel): Promise<CurvePoint[]> {
    if (!entry.curve)
      return Promise.reject(new EngineError('not-found', `model '${entry.id}' ships no curve`));
    return this.assets.curve(entry.curve);
  }

  itemFrames(packId: string, itemIndex: number): Promise<ItemFrames> {
    return this.pool.call(this.roundRobin(), (remote) => remote.itemFrames(packId, itemIndex), {
      timeoutMs: this.timeouts.callMs,
    });
  }

  itemAudio(packId: string, itemIndex: number): Promise<ItemAudio | null> {
    return this.pool.call(this.roundRobin(), (remote) => remote.itemAudio(packId, itemIndex), {
      timeoutMs: this.timeouts.callMs,
    });
  }

  inputChanges(req: InputChangesRequest): Promise<InputChanges> {
    return this.pool.call(this.roundRobin(), (remote) => remote.inputChanges(req), {
      timeoutMs: this.timeouts.callMs,
    });
  }

  wavFeatures(modelId: string, bytes: ArrayBuffer): Promise<ItemFrames> {
    const job = this.begin('wavFeatures');
    const slot = this.roundRobin();
    job.uses(slot);
    return this.finish(
      'wavFeatures',
      job,
      this.pool.call(slot, (remote) => remote.wavFeatures(job.id, modelId, transferCopy(bytes)), {
        timeoutMs: this.timeouts.callMs,
      }),
    );
  }

  stats(): PoolStats {
    return { ...this.pool.stats };
  }

  trace(req: TraceRequest): Promise<SequenceResult> {
    const job = this.begin('trace');
    const slot = this.roundRobin();
    job.uses(slot);
    return this.finish(
      'trace',
      job,
      this.pool.call(slot, (remote) => remote.trace(req), { timeoutMs: this.timeouts.callMs }),
    );
  }

  traceFrames(req: FramesTraceRequest): Promise<SequenceResult> {
    const job = this.begin('traceFrames');
    const slot = this.roundRobin();
    job.uses(slot);
    return this.finish(
      'traceFrames',
      job,
      this.pool.call(slot, (remote) => remote.traceFrames(req), { timeoutMs: this.timeouts.callMs }),
    );
  }

  async voiceStart(req: { modelId: string; sampleRate: number }): Promise<void> {
    const old = this.voice;
    this.voice = null;
    if (old) await this.voiceCall(old, (remote) => remote.voiceStop(old.sessionId)).catch(() => {});
    const session = { slot: old?.slot ?? this.roundRobin(), sessionId: `voice-${this.nextVoice++}` };
    await this.voiceCall(session, (remote) => remote.voiceStart({ ...req, sessionId: session.sessionId }));
    this.voice = session;
  }

  voicePush(samples: Float32Array): Promise<VoiceBatch> {
    const session = this.liveVoice();
    const copy = samples.slice();
    return this.voiceCall(session, (remote) =>
      remote.voicePush(session.sessionId, Comlink.transfer(copy, [copy.buffer])),
    );
  }

  voiceStop(): Promise<VoiceRecording> {
    const session = this.liveVoice();
    this.voice = null;
    return this.voiceCall(session, (remote) => remote.voiceStop(session.sessionId));
  }

  async listenStart(req: Omit<ListenStartRequest, 'sessionId'>): Promise<ListenInfo> {
    const old = this.listen;
    this.listen = null;
    if (old) await this.voiceCall(old, (remote) => remote.listenStop(old.sessionId)).catch(() => {});
    const session = { slot: old?.slot ?? this.roundRobin(), sessionId: `listen-${this.nextListen++}` };
    const info = await this.voiceCall(session, (remote) =>
      remote.listenStart({ ...req, sessionId: session.sessionId }),
    );
    this.listen = session;
    return info;
  }

  listenFrames(codes: Int8Array, frames: number): Promise<ListenReply> {
    const session = this.liveListen();
    const copy = codes.slice();
    return this.voiceCall(session, (remote) =>
      remote.listenFrames(session.sessionId, Comlink.transfer(copy, [copy.buffer]), frames),
    );
  }

  listenSamples(samples: Float32Array): Promise<ListenReply> {
    const session = this.liveListen();
    const copy = samples.slice();
    return this.voiceCall(session, (remote) =>
      remote.listenSamples(session.sessionId, Comlink.transfer(copy, [copy.buffer])),
    );
  }

  async listenStop(): Promise<void> {
    const session = this.listen;
    this.listen = null;
    if (session) await this.voiceCall(session, (remote) => remote.listenStop(session.sessionId));
  }

  evaluate(req: EvalRequest, onProgress?: ProgressFn): Promise<EvalResult> {
    const job = this.begin('evaluate');
    const work = this.split(job, req, 1, onProgress, (remote, r, progress) =>
      remote.evaluate(job.id, { ...req, from: r[0], to: r[1] }, progress),
    ).then((parts) => {
      const merged = mergeEvalResults(parts, this.taskKind(req.modelId));
      // The whole network's figure needs the merged counters, so it is derived after merging.
      const cnn = this.modelInfos.get(req.modelId)?.cnn;
      return cnn ? { ...merged, whole: wholeNetworkCost(cnn.cost, merged.costs) } : merged;
    });
    return this.finish('evaluate', job, work);
  }

  drivingClip(req: DrivingClipRequest): Promise<DrivingClipFrames> {
    const job = this.begin('drivingClip');
    const slot = this.roundRobin();
    job.uses(slot);
    // Rendering and checking 100 s of frames is a long job that yields between slices.
    return this.finish(
      'drivingClip',
      job,
      this.pool.call(slot, (remote) => remote.drivingClip(job.id, req), { timeoutMs: this.timeouts.idleMs }),
    );
  }

  async roadStart(req: Omit<RoadStartRequest, 'sessionId'>): Promise<RoadBatch> {
    const old = this.road;
    if (old) await this.roadCall(old, (remote) => remote.roadStop(old.req.sessionId)).catch(() => {});
    const session: RoadSession = {
      slot: old?.slot ?? this.roundRobin(),
      req: { ...req, sessionId: `road-${this.nextRoad++}` },
    };
    this.road = session;
    return this.roadCall(session, (remote) => remote.roadStart(session.req));
  }

  async roadRun(frames: number): Promise<RoadBatch> {
    const session = this.liveRoad();
    const job = new Job(this.nextJobId++, () => this.pool.remotes());
    job.uses(session.slot);
    try {
      return await this.roadCall(session, (remote) => remote.roadRun(job.id, session.req.sessionId, frames));
    } catch (e) {
      // A replaced worker starts without the session: drive on from the seed, and say so.
      if (!(e instanceof EngineError) || e.kind !== 'not-found' || this.road !== session) throw e;
      const batch = await this.roadCall(session, (remote) => remote.roadStart(session.req));
      return { ...batch, restarted: true };
    }
  }

  async roadThresholds(thresholds: Thresholds): Promise<void> {
    const session = this.liveRoad();
    session.req = { ...session.req, thresholds };
    await this.roadCall(session, (remote) => remote.roadThresholds(session.req.sessionId, thresholds));
  }

  roadReset(): Promise<RoadBatch> {
    const session = this.liveRoad();
    return this.roadCall(session, (remote) => remote.roadStart(session.req));
  }

  async roadStop(): Promise<void> {
    const session = this.road;
    this.road = null;
    if (session) await this.roadCall(session, (remote) => remote.roadStop(session.req.sessionId));
  }

  sweep(req: SweepRequest, onProgress?: ProgressFn): Promise<CurvePoint[]> {
    const job = this.begin('sweep');
    const work = this.split(job, req, req.grid.length, onProgress, (remote, r, progress) =>
      remote.sweepPartial(job.id, { ...req, from: r[0], to: r[1] }, progress),
    ).then((parts) => finishSweep(req.grid, parts, this.taskKind(req.modelId)));
    return this.finish('sweep', job, work);
  }

  sweepGrid(req: SweepRequest, onProgress?: ProgressFn): Promise<CurvePoint[]> {
    const job = this.begin('grid');
    const work = this.split(job, req, req.grid.length, onProgress, (remote, r, progress) =>
      remote.sweepPartial(job.id, { ...req, from: r[0], to: r[1] }, progress),
    ).then((parts) => finishSweep(req.grid, parts, this.taskKind(req.modelId)));
    return this.finish('grid', job, work);
  }

  cancelGrid(): void {
    this.latest.get('grid')?.cancel('cancelled by cancelGrid()');
    this.latest.delete('grid');
  }

  timeSteps(req: TraceRequest): Promise<StepTiming> {
    const job = this.begin('timeSteps');
    const slot = this.roundRobin();
    job.uses(slot);
    return this.finish(
      'timeSteps',
      job,
      this.pool.call(slot, (remote) => remote.timeSteps(req), { timeoutMs: this.timeouts.callMs }),
    );
  }

  cancelAll(): void {
    for (const job of this.latest.values()) job.cancel('cancelled by cancelAll()');
    this.latest.clear();
  }

  dispose(): void {
    this.cancelAll();
    this.pool.dispose();
  }

  /** Starts a request of a "latest wins" method, cancelling the one it supersedes. */
  private begin(method: LatestMethod): Job {
    this.latest.get(method)?.cancel(`superseded by a newer ${method} request`);
    const job = new Job(this.nextJobId++, () => this.pool.remotes());
    this.latest.set(method, job);
    return job;
  }

  private async finish<T>(method: LatestMethod, job: Job, work: Promise<T>): Promise<T> {
    try {
      return await job.run(work);
    } finally {
      if (this.latest.get(method) === job) this.latest.delete(method);
    }
  }

  /**
   * Runs one call per worker on consecutive item ranges of the request and returns the answers in
   * item order. `weight` is the progress units per item (grid points for a sweep).
   */
  private split<T>(
    job: Job,
    req: { modelId: string; packId: string; from?: number; to?: number },
    weight: number,
    onProgress: ProgressFn | undefined,
    call: (remote: RemoteEngine, range: [number, number], progress: ProgressFn) => Promise<T>,
  ): Promise<T[]> {
    const pack = this.packInfos.get(req.packId);
    if (!pack)
      return Promise.reject(new EngineError('not-found', `sample pack '${req.packId}' is not loaded`));
    if (!this.modelInfos.has(req.modelId)) {
      return Promise.reject(new EngineError('not-found', `model '${req.modelId}' is not loaded`));
    }
    const from = req.from ?? 0;
    const to = req.to ?? pack.items.length;
    const ranges = splitRange(from, to, this.workerCount);
    const aggregate = progressAggregator(ranges.length, Math.max(0, to - from) * weight, onProgress);
    return Promise.all(
      ranges.map((range, slot) => {
        job.uses(slot);
        return this.pool.call(
          slot,
          (remote, handle: CallHandle) =>
            call(
              remote,
              range,
              Comlink.proxy((done: number) => {
                handle.touch();
                if (!job.done) aggregate(slot, done);
              }),
            ),
          { timeoutMs: this.timeouts.idleMs },
        );
      }),
    );
  }

  private async installModel(
    id: string,
    bytes: ArrayBuffer,
    options: ModelSourceOptions,
  ): Promise<ModelInfo> {
    const info = await this.onEveryWorker((remote) => remote.loadModel(id, transferCopy(bytes), options));
    this.modelBytes.set(id, { bytes, options });
    this.modelInfos.set(id, info);
    return info;
  }

  /** Loads on every worker; all must agree, the first failure wins. */
  private async onEveryWorker<T>(fn: (remote: RemoteEngine) => Promise<T>): Promise<T> {
    const answers = await this.pool.everywhere(fn, { timeoutMs: this.timeouts.loadMs, blocking: true });
    return answers[0];
  }

  private async prime(remote: RemoteEngine): Promise<void> {
    for (const [id, m] of this.modelBytes) await remote.loadModel(id, transferCopy(m.bytes), m.options);
    for (const [id, p] of this.packBytes) await remote.loadPack(id, transferCopy(p.bytes), p.options);
  }

  private taskKind(modelId: string): TaskMeta['kind'] {
    const info = this.modelInfos.get(modelId);
    if (!info) throw new EngineError('not-found', `model '${modelId}' is not loaded`);
    return info.task.kind;
  }

  private liveRoad(): RoadSession {
    if (!this.road) throw new EngineError('not-found', 'no live road is running (roadStart first)');
    return this.road;
  }

  private liveVoice() {
    if (!this.voice)
      throw new EngineError('not-found', 'no microphone recording is running (voiceStart first)');
    return this.voice;
  }

  private liveListen() {
    if (!this.listen)
      throw new EngineError('not-found', 'no listening session is running (listenStart first)');
    return this.listen;
  }

  /** A lost worker loses the session with it: the call fails (not-found) and the page says so. */
  private voiceCall<T>(session: { slot: number }, fn: (remote: RemoteEngine) => Promise<T>): Promise<T> {
    return this.pool.call(session.slot, fn, { timeoutMs: this.timeouts.callMs, pinned: true });
  }

  private roadCall<T>(session: RoadSession, fn: (remote: RemoteEngine) => Promise<T>): Promise<T> {
    return this.pool.call(session.slot, fn, { timeoutMs: this.timeouts.callMs, pinned: true });
  }

  private roundRobin(): number {
    const slot = this.nextSlot;
    this.nextSlot = (slot + 1) % this.workerCount;
    return slot;
  }
}

/** A private copy of the bytes, moved (not copied again) into one worker. */
function transferCopy(bytes: ArrayBuffer): ArrayBuffer {
  const copy = bytes.slice(0);
  return Comlink.transfer(copy, [copy]);
}

export function createEngineClient(opts: EngineClientOptions = {}): EngineClient {
  return new PooledEngineClient(opts);
}
