// The peer benchmark's page in headless Chromium (a bench-only bundle, never part of the site's
// build): onnxruntime-web (wasm), TensorFlow.js (cpu, wasm) and our engine on the shapes Node sends,
// through the same check and timing as in Node (run-shape.ts). Every .wasm comes from node_modules,
// served by the driver (chromium.ts) on a local route; nothing leaves the machine.
import * as tf from '@tensorflow/tfjs';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type * as OrtNode from 'onnxruntime-node';
import * as ort from 'onnxruntime-web';
import { ortPeer, tfjsPeer } from '../peers';
import { benchShape, type FloatPeer, type PeerRow } from '../run-shape';
import { fromWire, type WireShape } from '../wire';

declare global {
  interface Window {
    runPeers(
      shapes: WireShape[],
      rounds: number,
    ): Promise<{ rows: PeerRow[]; skipped: string[]; log: string[] }>;
  }
}

ort.env.wasm.numThreads = 1;
ort.env.wasm.proxy = false;
ort.env.wasm.wasmPaths = '/ort/';
setWasmPaths('/tfjs-wasm/');
setThreadsCount(1);

async function backend(name: 'cpu' | 'wasm'): Promise<boolean> {
  try {
    const set = await tf.setBackend(name);
    await tf.ready();
    return set && tf.getBackend() === name;
  } catch {
    return false;
  }
}

window.runPeers = async (shapes, rounds) => {
  const rows: PeerRow[] = [];
  const skipped: string[] = [];
  const log: string[] = [];
  const haveCpu = await backend('cpu');
  const haveWasm = await backend('wasm');
  if (!haveCpu) skipped.push('tfjs-cpu (chromium): the cpu backend did not start');
  if (!haveWasm) skipped.push('tfjs-wasm (chromium): the wasm backend did not start');
  for (const w of shapes) {
    const shape = fromWire(w);
    const floats: FloatPeer[] = [
      { peer: await ortPeer('onnxruntime-web', ort as unknown as typeof OrtNode, shape.model) },
    ];
    // Each peer's weights are made on its own backend, so no tensor ever moves between backends.
    for (const [name, have] of [
      ['cpu', haveCpu],
      ['wasm', haveWasm],
    ] as const) {
      if (!have) continue;
      await backend(name);
      floats.push({
        peer: tfjsPeer(`tfjs-${name}`, tf, shape.model),
        select: () => backend(name).then(() => {}),
      });
    }
    rows.push(...(await benchShape(shape, floats, rounds, 'chromium', skipped, (l) => log.push(l))));
  }
  return { rows, skipped, log };
};
document.body.dataset.ready = 'true';
