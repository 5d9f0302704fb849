// Bring your own model and data: an ONNX GRU (PyTorch-shaped, no DeltaLab metadata) dropped with a
// features .npy and a labels .npy; the page reads them in the worker and draws the model's live
// trade-off curve, whose figures are the engine's (checked against the engine run in Node). An ONNX
// export of a shipped model, dropped first and its data after, is calibrated on that data, then
// quantized to a chosen format; data of the wrong width is refused with the reason.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeShare } from '../../app/url/share-codec';
import { compileModel } from '../../src/engine/compile';
import { importDataset, writeNpy } from '../../src/engine/dataset';
import { evaluatePack, uniformThresholds } from '../../src/engine/evaluate';
import { decodeModel, decodePack } from '../../src/engine/format';
import { exportOnnx, importOnnxQuantized } from '../../src/engine/onnx';
import { gaussian, mulberry32 } from '../../src/engine/random';
import type { QFormat } from '../../src/engine/types';
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

// A shipped model exported to ONNX, and 40 of its test samples as real values in a .npy pair.
const shipped = decodeModel(new Uint8Array(readFileSync('public/models/digits-delta-l1.dlm')));
const exported = exportOnnx(shipped);
const testPack = decodePack(new Uint8Array(readFileSync('public/models/digits-test.dlp')));
const own = testPack.items.slice(0, 40);
const width = testPack.inputSize;
const steps = own.reduce((n, it) => Math.max(n, it.length), 0);
const real = new Float32Array(own.length * steps * width);
for (const [k, it] of own.entries()) {
  // Padded with the sequence's last frame: a .npy holds [N, T, F] (lengths are not needed for this check).
  for (let t = 0; t < steps; t++) {
    const src = (it.offset + Math.min(t, it.length - 1)) * width;
    for (let f = 0; f < width; f++)
      real[(k * steps + t) * width + f] = testPack.frames[src + f] / 2 ** testPack.activation.fracBits;
  }
}
const ownData = writeNpy('<f4', [own.length, steps, width], real);
const ownLabels = writeNpy(
  '<i8',
  [own.length],
  own.map((it) => it.label),
);
const wideData = writeNpy('<f4', [2, 5, width + 3], new Float32Array(2 * 5 * (width + 3)));
const theta = 4;

/** The engine's figures for the export quantized as `choice`, on the data, at Θ = 4 on every layer. */
function engineFigures(choice: 'auto' | QFormat) {
  const { model, decision } = importOnnxQuantized(exported, {
    choice,
    calibrate: { data: ownData, labels: ownLabels },
  });
  const pack = importDataset(
    { data: ownData, labels: ownLabels },
    { name: 'p', inputSize: width, activation: model.fixedPoint.activation, task: model.task },
  );
  const th = uniformThresholds(model.layers.length, theta, theta);
  return { decision, pack, result: evaluatePack(compileModel(model, 'fixed'), pack.pack, th) };
}

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
    // The cost meter shows the engine's figures for the trained (zero) thresholds in fixed point,
    // the model quantized to the format calibrated on the dropped data (auto, the lab's default).
    const { model } = importOnnxQuantized(onnx, { choice: 'auto', calibrate: { data: features, labels } });
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

  it('calibrates an exported model on data dropped after it, then quantizes it to a chosen format', async () => {
    const page = await lab.newPage();
    await page.goto(`${lab.url}#${encodeShare({ model: 'digits-delta-l1', tx: [theta], th: [theta] })}`);
    await labReady(page);
    // The model alone fits the shipped samples: it runs on them with its own format until data comes.
    await drop(page, [{ name: 'digits-export.onnx', bytes: exported }]);
    const summary = '[data-testid="activation-summary"]';
    await page.waitForSelector(`${summary}[data-source="file"][data-format="Q3.4"]`, { timeout: 30_000 });

    await drop(page, [
      { name: 'features.npy', bytes: ownData },
      { name: 'labels.npy', bytes: ownLabels },
    ]);
    const auto = engineFigures('auto');
    expect(auto.decision.source).toBe('calibrated');
    // Calibration picks another format than the file's own for these real values.
    expect(auto.decision.activation).not.toEqual(shipped.fixedPoint.activation);
    const calibrated = `Q${auto.decision.activation.intBits}.${auto.decision.activation.fracBits}`;
    await page.waitForSelector(
      `${summary}[data-source="calibrated"][data-format="${calibrated}"][data-saturated="${auto.pack.saturated}"]`,
      { timeout: 30_000 },
    );
    expect(await page.textContent(summary)).toContain(
      `calibrated on features.npy: ${auto.decision.clipped} of ${auto.decision.values} values`,
    );
    const meter = '[data-testid="cost-meter"]';
    await page.waitForSelector(`${meter}[data-speedup="${auto.result.figures.speedup}"]`, {
      timeout: 30_000,
    });
    const curve = '[data-series="dropped-digits-export-live"]';
    await page.waitForSelector(`${curve} circle.pt`, { timeout: 60_000 });
    expect(await page.locator(`${curve} circle.pt`).count()).toBeGreaterThan(3);
    const calibratedPath = await page.getAttribute(`${curve} path`, 'd');

    // A format chosen by hand: quantized again in the workers, the figures and the curve follow.
    await page.selectOption('[data-testid="activation-select"]', 'Q5.2');
    const chosen = engineFigures({ intBits: 5, fracBits: 2 });
    await page.waitForSelector(
      `${summary}[data-source="chosen"][data-format="Q5.2"][data-saturated="${chosen.pack.saturated}"]`,
      { timeout: 30_000 },
    );
    expect(chosen.result.figures.speedup).not.toBe(auto.result.figures.speedup);
    await page.waitForSelector(`${meter}[data-speedup="${chosen.result.figures.speedup}"]`, {
      timeout: 30_000,
    });
    await page.waitForFunction(
      ([sel, before]) => {
        const d = document.querySelector(`${sel} path`)?.getAttribute('d');
        return !!d && d !== before && document.querySelectorAll(`${sel} circle.pt`).length > 3;
      },
      [curve, calibratedPath] as const,
      { timeout: 60_000 },
    );
    // The model never met samples in another format than its own on the way (no evaluation failed).
    expect(await page.locator('[data-testid="notice-error"]').count()).toBe(0);
    await page.close();
  });

  it('opened with the button: refuses data of the wrong width, naming both sizes, then takes its data', async () => {
    const page = await lab.newPage();
    await page.goto(lab.url);
    await labReady(page);
    const open = async (files: { name: string; bytes: Uint8Array }[]) => {
      const chooser = page.waitForEvent('filechooser');
      await page.click('[data-testid="open-file"]');
      await (await chooser).setFiles(
        files.map((f) => ({
          name: f.name,
          mimeType: 'application/octet-stream',
          buffer: Buffer.from(f.bytes),
        })),
      );
    };
    await open([
      { name: 'digits-export.onnx', bytes: exported },
      { name: 'wide.npy', bytes: wideData },
      { name: 'labels.npy', bytes: writeNpy('<i8', [2], [0, 1]) },
    ]);
    const notice = await page.waitForSelector('[data-testid="notice-error"]', { timeout: 30_000 });
    expect(await notice.textContent()).toContain(
      `wide.npy: the data has ${width + 3} features per frame, the model takes ${width}`,
    );
    // The model waits for data it can read: the next data opened is read for it and calibrates it.
    await open([
      { name: 'features.npy', bytes: ownData },
      { name: 'labels.npy', bytes: ownLabels },
    ]);
    const auto = engineFigures('auto');
    const q = auto.decision.activation;
    await page.waitForSelector(
      `[data-testid="activation-summary"][data-source="calibrated"][data-format="Q${q.intBits}.${q.fracBits}"]`,
      { timeout: 30_000 },
    );
    await page.waitForSelector('[data-series="dropped-digits-export-live"] circle.pt', { timeout: 60_000 });
    await page.close();
  });

  it('logged no console errors', () => {
    expect(consoleErrors(lab.messages)).toEqual([]);
  });
});
