// The driving half of an engine worker: clips re-rendered from a pack's seeds (simulated, checked bit
// for bit against the pack's digest and its CNN features) and live closed-loop drives in which the
// delta-GRU steers the simulated car. Every long loop runs in slices handed in by the engine service.
import { clipDigest, FPS, FRAME_HEIGHT, FRAME_WIDTH, RoadSimulator } from '../data/driving';
import {
  type CompiledCnn,
  cnnCostPerFrame,
  compileCnn,
  createDeltaCnn,
  deltaCnnStep,
  featureCount,
} from '../engine/cnn';
import type { CnnCost } from '../engine/cnn/cost';
import type { CompiledModel } from '../engine/compile';
import { addCounters, computeFigures, emptyCounters } from '../engine/costs';
import type { CostCounters, Model, NumericMode, SamplePack, Thresholds } from '../engine/types';
import { createPixelStepper, type PixelStepper, wholeNetworkCost } from '../engine/vision';
import type { DrivingClipFrames, DrivingClipRequest, RoadBatch, RoadFrame, RoadStartRequest } from './api';
import { packClip } from './driving-pack';
import { EngineError } from './errors';

/** Runs units [0, n) in ~12 ms slices with a yield between (EngineService.phase within a job). */
export type Phase = (n: number, run: (a: number, b: number) => void) => Promise<void>;

export interface DrivingHost {
  model(id: string): Model;
  pack(id: string): SamplePack;
  compiled(id: string, mode: NumericMode): CompiledModel;
}

/** One call drives at most this many frames (the page asks for what is due, a few at a time). */
export const MAX_ROAD_FRAMES = 200;

interface Session {
  req: RoadStartRequest;
  sim: RoadSimulator;
  stepper: PixelStepper;
  cnnCost: CnnCost;
  /** What the camera sees now, before the next step. */
  frame: Uint8Array;
  t: number;
  counters: CostCounters;
  cm: CompiledModel;
  sqLateral: number;
  maxLateral: number;
  offRoad: boolean;
  /** CNN MACs the delta CNN executed since the start. */
  cnnMacs: number;
}

const FRAME_SIZE = FRAME_WIDTH * FRAME_HEIGHT;

export class DrivingService {
  private readonly cnns = new WeakMap<Model, CompiledCnn>();
  private readonly sessions = new Map<string, Session>();
  /** The last clip rendered (4 MB for 100 s): asked again when the view comes back to it. */
  private lastClip: { key: string; model: Model; clip: DrivingClipFrames } | null = null;

  constructor(private readonly host: DrivingHost) {}

  /** The model's CNN, compiled once; refuses a model without one or with another frame size. */
  cnnOf(modelId: string): CompiledCnn {
    const model = this.host.model(modelId);
    if (!model.cnn) throw new EngineError('format', `model '${modelId}' has no CNN front end`);
    if (model.cnn.width !== FRAME_WIDTH || model.cnn.height !== FRAME_HEIGHT) {
      throw new EngineError(
        'format',
        `model '${modelId}' reads ${model.cnn.width}x${model.cnn.height} frames; the simulator renders ${FRAME_WIDTH}x${FRAME_HEIGHT}`,
      );
    }
    let c = this.cnns.get(model);
    if (!c) {
      c = compileCnn(model.cnn);
      this.cnns.set(model, c);
    }
    return c;
  }

  async clip(req: DrivingClipRequest, phase: Phase): Promise<DrivingClipFrames> {
    const key = `${req.modelId}\u0000${req.packId}\u0000${req.itemIndex}`;
    const model = this.host.model(req.modelId);
    if (this.lastClip?.key === key && this.lastClip.model === model) return copyClip(this.lastClip.clip);
    const pack = this.host.pack(req.packId);
    const { seed, frames: n, digest: packDigest } = packClip(pack, req.itemIndex);
    const cnn = this.cnnOf(req.modelId);
    const nf = featureCount(cnn.cnn);
    if (pack.inputSize !== nf) {
      throw new EngineError(
        'format',
        `the pack has ${pack.inputSize} features per frame, the CNN gives ${nf}`,
      );
    }
    // renderClip's loop, in slices: frame t is seen, the driver's command at t is the label.
    const frames = new Uint8Array(n * FRAME_SIZE);
    const steering = new Float32Array(n);
    const lateralError = new Float32Array(n);
    const sim = new RoadSimulator(seed);
    const spare = new Uint8Array(FRAME_SIZE);
    sim.observe(frames.subarray(0, FRAME_SIZE));
    await phase(n, (a, b) => {
      for (let t = a; t < b; t++) {
        lateralError[t] = sim.lateralError();
        const out = t + 1 < n ? frames.subarray((t + 1) * FRAME_SIZE, (t + 2) * FRAME_SIZE) : spare;
        steering[t] = sim.advance(undefined, out).steering;
      }
    });
    const digest = clipDigest({
      seed,
      width: FRAME_WIDTH,
      height: FRAME_HEIGHT,
      frames,
      steering,
      lateralError,
    });
    if (digest !== packDigest) {
      throw new EngineError(
        'format',
        `clip ${req.itemIndex} (seed ${seed}) rendered as ${digest}, the pack says ${packDigest}: this simulator does not match the pack's`,
      );
    }
    // The pixels through the model's CNN must give the pack's codes, which the GRU traces run on. It runs
    // as a delta CNN (the dense CNN's codes bit for bit), so the check also counts what that saves.
    const item = pack.items[req.itemIndex];
    const codes = new Int8Array(nf);
    const dcnn = createDeltaCnn(cnn);
    let featureMismatches = 0;
    let deltaMacs = 0;
    await phase(n, (a, b) => {
      for (let t = a; t < b; t++) {
        deltaMacs += deltaCnnStep(dcnn, frames.subarray(t * FRAME_SIZE, (t + 1) * FRAME_SIZE), codes);
        const base = (item.offset + t) * nf;
        for (let k = 0; k < nf; k++) if (codes[k] !== pack.frames[base + k]) featureMismatches++;
      }
    });
    const clip: DrivingClipFrames = {
      seed,
      width: FRAME_WIDTH,
      height: FRAME_HEIGHT,
      fps: FPS,
      length: n,
      frames,
      steering,
      lateralError,
      digest,
      packDigest,
      featureMismatches,
      deltaCnnMacsPerFrame: deltaMacs / n,
    };
    this.lastClip = { key, model, clip };
    return copyClip(clip);
  }

  roadStart(req: RoadStartRequest): RoadBatch {
    if (!Number.isSafeInteger(req.seed) || req.seed < 0 || req.seed > 0xffffffff) {
      throw new EngineError('format', `a road seed is a whole number in [0, 2^32), not ${req.seed}`);
    }
    const cnn = this.cnnOf(req.modelId);
    const cm = this.host.compiled(req.modelId, req.mode);
    if (cm.outputs < 1) throw new EngineError('format', `model '${req.modelId}' has no steering output`);
    const model = this.host.model(req.modelId);
    const session: Session = {
      req,
      sim: new RoadSimulator(req.seed),
      stepper: createPixelStepper(cnn, cm, req.thresholds),
      cnnCost: cnnCostPerFrame(model.cnn!),
      frame: new Uint8Array(FRAME_SIZE),
      t: 0,
      counters: emptyCounters(cm),
      cm,
      sqLateral: 0,
      maxLateral: 0,
      offRoad: false,
      cnnMacs: 0,
    };
    session.sim.observe(session.frame);
    this.sessions.set(req.sessionId, session);
    return this.batch(req.sessionId, session, []);
  }

  async roadRun(sessionId: string, frames: number, phase: Phase): Promise<RoadBatch> {
    const s = this.session(sessionId);
    if (!Number.isInteger(frames) || frames < 0 || frames > MAX_ROAD_FRAMES) {
      throw new EngineError('format', `roadRun drives 0-${MAX_ROAD_FRAMES} frames per call, not ${frames}`);
    }
    const out: RoadFrame[] = [];
    await phase(frames, (a, b) => {
      for (let k = a; k < b; k++) out.push(this.drive(s));
    });
    return this.batch(sessionId, s, out);
  }

  roadThresholds(sessionId: string, th: Thresholds): void {
    const s = this.session(sessionId);
    s.stepper.setThresholds(th);
    s.req = { ...s.req, thresholds: th };
  }

  roadStop(sessionId: string): void {
    this.sessions.delete(sessionId);
  }

  /** One closed-loop frame: the network sees the frame, its steering moves the car, the camera renders. */
  private drive(s: Session): RoadFrame {
    const seen = s.frame;
    const step = s.stepper.step(seen);
    const steering = step.output[0];
    const next = new Uint8Array(FRAME_SIZE);
    const r = s.sim.advance(steering, next);
    s.frame = next;
    addCounters(s.counters, step.costs);
    s.cnnMacs += step.cnnMacs;
    const lat = r.lateralError;
    s.sqLateral += lat * lat;
    s.maxLateral = Math.max(s.maxLateral, Math.abs(lat));
    s.offRoad = r.offRoad;
    const gru = computeFigures(step.costs);
    const whole = wholeNetworkCost(s.cnnCost, step.costs);
    return {
      t: s.t++,
      frame: seen,
      steering: r.steering,
      lateralError: lat,
      offRoad: r.offRoad,
      nx: step.nx[0],
      nh: step.nh[0],
      fired: step.fired[0],
      cnnMacs: step.cnnMacs,
      gruDenseCost: gru.denseCost,
      gruDeltaCost: gru.deltaCost,
      wholeDenseCost: whole.wholeDenseCost,
      wholeDeltaCost: whole.wholeDeltaCost,
    };
  }

  private batch(sessionId: string, s: Session, frames: RoadFrame[]): RoadBatch {
    return {
      sessionId,
      frames,
      totals: {
        frames: s.t,
        figures: computeFigures(s.counters),
        whole: wholeNetworkCost(s.cnnCost, s.counters, s.cnnMacs),
        rmsLateral: s.t === 0 ? 0 : Math.sqrt(s.sqLateral / s.t),
        maxLateral: s.maxLateral,
        offRoad: s.offRoad,
      },
    };
  }

  private session(id: string): Session {
    const s = this.sessions.get(id);
    if (!s) throw new EngineError('not-found', `no road session '${id}' in this worker`);
    return s;
  }
}

/** The reply's buffers are transferred to the page; the cached clip keeps its own. */
function copyClip(c: DrivingClipFrames): DrivingClipFrames {
  return {
    ...c,
    frames: c.frames.slice(),
    steering: c.steering.slice(),
    lateralError: c.lateralError.slice(),
  };
}
