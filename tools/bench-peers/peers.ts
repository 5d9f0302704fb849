// The runtimes of the peer benchmark behind one interface: a whole sequence per call, or one call
// per frame (state carried by the caller, as a stream does), over the same items.
import type * as OrtNode from 'onnxruntime-node';
import type { CompiledModel } from '../../src/engine/compile';
import { runDenseSequence } from '../../src/engine/dense';
import { createScratch } from '../../src/engine/scratch';
import { runSequence } from '../../src/engine/sequence';
import { createStreamer } from '../../src/engine/stream';
import type { Model, Thresholds } from '../../src/engine/types';
import { setWasmKernels } from '../../src/engine/wasm/module';
import { gruOnnx, h0, hN, X, Y_TOP } from './onnx-gru';

export type Runtime =
  | 'onnxruntime-node'
  | 'onnxruntime-web'
  | 'tfjs-cpu'
  | 'tfjs-wasm'
  | 'deltalab-ts-dense'
  | 'deltalab-wasm-dense'
  | 'deltalab-wasm-delta';

/** One sequence: real-valued frames for float runtimes, the same as activation codes for ours. */
export interface Item {
  T: number;
  real: Float32Array;
  codes: Int8Array;
}

export interface Peer {
  runtime: Runtime;
  /** Which delta setting (Θ = 0, ~10 %, the digits model's trained thresholds); '' for dense runtimes. */
  variant: string;
  /** The top layer's h at every step of an item (T × H, float), for the check before timing. */
  topH?: (item: Item) => Promise<Float32Array>;
  sequence(items: Item[]): Promise<void> | void;
  frames(items: Item[]): Promise<void> | void;
}

type Ort = typeof OrtNode;

export async function ortPeer(runtime: Runtime, ort: Ort, model: Model): Promise<Peer> {
  const session = await ort.InferenceSession.create(gruOnnx(model), {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    logSeverityLevel: 3,
  });
  const I = model.layers[0].inputSize;
  const zeros = model.layers.map(
    (L) => new ort.Tensor('float32', new Float32Array(L.hiddenSize), [1, 1, L.hiddenSize]),
  );
  const names = model.layers.map((_, l) => hN(l));
  const seq = async (it: Item): Promise<Float32Array> => {
    const feeds: Record<string, OrtNode.Tensor> = { [X]: new ort.Tensor('float32', it.real, [it.T, 1, I]) };
    zeros.forEach((z, l) => {
      feeds[h0(l)] = z;
    });
    const out = await session.run(feeds, [Y_TOP]);
    return out[Y_TOP].data as Float32Array;
  };
  return {
    runtime,
    variant: '',
    topH: seq,
    async sequence(items) {
      for (const it of items) await seq(it);
    },
    async frames(items) {
      for (const it of items) {
        let state: OrtNode.Tensor[] = zeros;
        for (let t = 0; t < it.T; t++) {
          const feeds: Record<string, OrtNode.Tensor> = {
            [X]: new ort.Tensor('float32', it.real.subarray(t * I, (t + 1) * I), [1, 1, I]),
          };
          state.forEach((s, l) => {
            feeds[h0(l)] = s;
          });
          const out = await session.run(feeds, names);
          state = names.map((n) => out[n]);
        }
      }
    },
  };
}

function transpose(w: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(w.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = w[r * cols + c];
  return out;
}

// biome-ignore lint/suspicious/noExplicitAny: TensorFlow.js is a devDependency loaded by name, untyped here.
type Tf = any;

/**
 * TensorFlow.js has no reset-after GRU layer (tf.layers.gru resets before the product), so the cell
 * is built from ops: n = tanh(W_n x + b_in + r ⊙ (U_n h + b_hn)), h' = n + z ⊙ (h − n).
 */
export function tfjsPeer(runtime: Runtime, tf: Tf, model: Model): Peer {
  const P = model.layers.map((L) => {
    const H = L.hiddenSize;
    return {
      H,
      wi: tf.tensor2d(transpose(L.wIh, 3 * H, L.inputSize), [L.inputSize, 3 * H]),
      bi: tf.tensor1d(L.bIh),
      wh: tf.tensor2d(transpose(L.wHh, 3 * H, H), [H, 3 * H]),
      bh: tf.tensor1d(L.bHh),
    };
  });
  const I = model.layers[0].inputSize;
  // biome-ignore lint/suspicious/noExplicitAny: see Tf.
  const cell = (p: (typeof P)[number], gx: any, h: any) => {
    const gh = tf.add(tf.matMul(h, p.wh), p.bh);
    const [xr, xz, xn] = tf.split(gx, 3, 1);
    const [hr, hz, hn] = tf.split(gh, 3, 1);
    const r = tf.sigmoid(tf.add(xr, hr));
    const z = tf.sigmoid(tf.add(xz, hz));
    const n = tf.tanh(tf.add(xn, tf.mul(r, hn)));
    return tf.add(n, tf.mul(z, tf.sub(h, n)));
  };
  const seq = (it: Item): Float32Array =>
    tf
      .tidy(() => {
        // A whole sequence: each layer's input product for all steps in one matMul.
        let x = tf.tensor2d(it.real, [it.T, I]);
        for (const p of P) {
          const gx = tf.add(tf.matMul(x, p.wi), p.bi);
          let h = tf.zeros([1, p.H]);
          const rows = [];
          for (let t = 0; t < it.T; t++) {
            h = cell(p, tf.slice(gx, [t, 0], [1, 3 * p.H]), h);
            rows.push(h);
          }
          x = tf.concat(rows, 0);
        }
        return x;
      })
      .dataSync();
  return {
    runtime,
    variant: '',
    topH: async (it) => seq(it),
    sequence(items) {
      for (const it of items) seq(it);
    },
    frames(items) {
      for (const it of items) {
        let state = P.map((p) => tf.zeros([1, p.H]));
        for (let t = 0; t < it.T; t++) {
          const next = tf.tidy(() => {
            let x = tf.tensor2d(it.real.subarray(t * I, (t + 1) * I), [1, I]);
            return P.map((p, l) => {
              x = cell(p, tf.add(tf.matMul(x, p.wi), p.bi), state[l]);
              return x;
            });
          });
          tf.dispose(state);
          state = next;
          state[state.length - 1].dataSync();
        }
        tf.dispose(state);
      }
    },
  };
}

/** Our engine: TypeScript or WebAssembly, dense or delta at thresholds th. */
export function deltalabPeer(
  runtime: Runtime,
  variant: string,
  cm: CompiledModel,
  th: Thresholds,
  dense: boolean,
  wasm: boolean,
): Peer {
  const sc = createScratch(cm);
  setWasmKernels(wasm);
  const stream = createStreamer(cm, th, { dense });
  setWasmKernels(true);
  const I = cm.inputSize;
  return {
    runtime,
    variant,
    sequence(items) {
      setWasmKernels(wasm);
      for (const it of items) {
        if (dense) runDenseSequence(cm, it.codes, it.T, { record: false, scratch: sc });
        else runSequence(cm, th, it.codes, it.T, { scratch: sc });
      }
      setWasmKernels(true);
    },
    frames(items) {
      for (const it of items) {
        stream.reset();
        for (let t = 0; t < it.T; t++) stream.step(it.codes.subarray(t * I, (t + 1) * I));
      }
    },
  };
}
