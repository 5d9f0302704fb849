// Bring your own model and data: an ONNX GRU (PyTorch-shaped, no DeltaLab metadata) dropped with a
// features .npy and a labels .npy; the page reads them in the worker and draws the model's live
// trade-off curve, whose figures are the engine's (checked against the engine run in Node).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileModel } from '../../src/engine/compile';
import { importDataset, writeNpy } from '../../src/engine/dataset';
import { evaluatePack } from '../../src/engine/evaluate';
import { importOnnx } from '../../src/engine/onnx';
import { gaussian, mulberry32 } from '../../src/engine/random';
import { onnxFile } from '../unit/onnx/build';
import { torchGraph } from '../unit/onnx/torch-graph';
import { consoleErrors, type Lab, startLab } from './harness';
import { labReady } from './lab-actions';

const [N, T, F] = [12, 20, 6];
const onnx = torchGraph({ I: F, H: 8, layers: 2, outputs: 3, readout: 'out', seed: 21 });
const rng = mulberry32(22);
// Smooth sequences (a random walk), so the delta network skips some updates.
const x = new Float32Array(N * T * F);
for (let n = 0; n < N; n++) {
  for (let f = 0; f < F; f++) {
    let v = gaussian(rng);
    for (let t = 0; t < T; t++) x[(n * T + t) * F + f] = v += 0.1 * gaussian(rng);
  }
}
const features = writeNpy('<f4', [N, T, F], x);
const labels = writeNpy(
  '<i8',
  [N],
  Array.from({ length: N }, (_, i) => i % 3),
);
// A valid ONNX file DeltaLab does not model: an LSTM where the GRU would be.
const lstm = onnxFile({
  nodes: [
    { op: 'LSTM', name: 'my_lstm', inputs: ['x', 'W', 'R'], outputs: ['Y', 'Yh'], attrs: { hidden_size: 2 } },
    { op: 'Squeeze', inputs: ['Yh', 'ax0'], outputs: ['h'] },
    { op: 'Gemm', inputs: ['h', 'fc'], outputs: ['y'], attrs: { transB: 1 } },
  ],
  inits: [
    { name: 'W', dims: [1, 8, F], floats: new Float32Array(8 * F) },
    { name: 'R', dims: [1, 8, 2], floats: new Float32Array(16) },
    { name: 'ax0', dims: [1], ints: [0] },
    { name: 'fc', dims: [3, 2], floats: new Float32Array(6) },
  ],
  input: { name: 'x', dims: ['T', 'N', F] },
});

async function drop(page: import('playwright-core').Page, files: { name: string; bytes: Uint8Array }[]) {
  await page.evaluate(
    (fs) => {
      const data = new DataTransfer();
      for (const f of fs) data.items.add(new File([new Uint8Array(f.bytes)], f.name));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, cancelable: true }));
    },
    files.map((f) => ({ name: f.name, bytes: Array.from(f.bytes) })),
  );
}

describe('own ONNX model and NumPy data on the page', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab({ outDir: process.env.DELTALAB_E2E_DIST });
  });
  afterAll(async () => {
    await lab?.close();
  });

  it('draws the live curve of a dropped ONNX model on dropped .npy data', async () => {
    const page = await lab.newPage();
    await page.goto(lab.url);
    await labReady(page);
    await drop(page, [
      { name: 'my-gru.onnx', bytes: onnx },
      { name: 'features.npy', bytes: features },
      { name: 'labels.npy', bytes: labels },
    ]);
    const curve = '[data-series="dropped-my-gru-live"]';
    await page.waitForSelector(`${curve} circle.pt`, { timeout: 60_000 });
    expect(await page.locator(`${curve} circle.pt`).count()).toBeGreaterThan(3);
    expect(await page.getAttribute(`${curve} path`, 'd')).toMatch(/^M[\d.]+,[\d.]+L/);
    // The cost meter shows the engine's figures for the trained (zero) thresholds in fixed point.
    const model = importOnnx(onnx);
    const pack = importDataset(
      { data: features, labels },
      { name: 'p', inputSize: F, activation: model.fixedPoint.activation, task: model.task },
    ).pack;
    const want = evaluatePack(compileModel(model, 'fixed'), pack, model.trainedThresholds);
    await page.waitForSelector(`[data-testid="cost-meter"][data-speedup="${want.figures.speedup}"]`, {
      timeout: 30_000,
    });
    await page.close();
  });

  it('says which node a refused ONNX file holds', async () => {
    const page = await lab.newPage();
    await page.goto(lab.url);
    await labReady(page);
    await drop(page, [
      { name: 'lstm.onnx', bytes: lstm },
      { name: 'features.npy', bytes: features },
    ]);
    const notice = await page.waitForSelector('[data-testid="notice-error"]', { timeout: 30_000 });
    expect(await notice.textContent()).toMatch(
      /lstm\.onnx: node "my_lstm" \(LSTM\): operator LSTM is not supported/,
    );
    await page.close();
  });

  it('logged no console errors', () => {
    expect(consoleErrors(lab.messages)).toEqual([]);
  });
});
