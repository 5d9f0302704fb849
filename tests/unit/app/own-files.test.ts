// Files dropped together: a model with its data (read for that model), a features .npy with its
// labels .npy, data alone (read for the current model), and what is refused; the live curve follows.
import { describe, expect, it } from 'vitest';
import { createLabStore } from '../../../app/store/create-store';
import { connectEngine } from '../../../app/store/engine-sync';
import type { PackInfo, PackSourceOptions } from '../../../src/workers/api';
import { FakeClient } from './fake-client';

const flush = () => new Promise((r) => setTimeout(r, 0));

class RecordingClient extends FakeClient {
  readonly packSources: ({ id: string } & PackSourceOptions)[] = [];
  inputSize = 4;

  override loadPack(source: Parameters<FakeClient['loadPack']>[0] & PackSourceOptions): Promise<PackInfo> {
    // The shipped packs hold codes in Q3.4.
    if ('entry' in source)
      return super.loadPack(source).then((info) => ({ ...info, activation: { intBits: 3, fracBits: 4 } }));
    this.packSources.push({ id: source.id, forModel: source.forModel, labels: source.labels });
    return super
      .loadPack(source)
      .then((info) => ({ ...info, inputSize: this.inputSize, quantized: { values: 120, saturated: 3 } }));
  }

  override loadModel(source: Parameters<FakeClient['loadModel']>[0]) {
    return super.loadModel(source).then((info) => {
      if ('entry' in source) return info;
      const [first, ...rest] = info.layers;
      const choice = source.activation ?? 'auto';
      const activation = choice === 'auto' ? { intBits: 3, fracBits: 4 } : choice;
      return {
        ...info,
        layers: [{ ...first, inputSize: this.inputSize }, ...rest],
        fixedPoint: { ...info.fixedPoint, activation },
        // Every dropped model here stands for an ONNX file: quantized as asked, the default until data comes.
        quantization: { choice, activation, source: choice === 'auto' ? 'default' : 'chosen' } as const,
      };
    });
  }

  override requantizeModel(id: string, options: Parameters<FakeClient['requantizeModel']>[1]) {
    return super.requantizeModel(id, options).then((r) => {
      const [first, ...rest] = r.model.layers;
      return { ...r, model: { ...r.model, layers: [{ ...first, inputSize: this.inputSize }, ...rest] } };
    });
  }
}

async function lab() {
  const client = new RecordingClient();
  const store = createLabStore(client);
  connectEngine(store, client);
  await store.getState().init('');
  await flush();
  return { store, client };
}

const file = (name: string) => ({ name, bytes: new ArrayBuffer(8) });

describe('dropping your own model and data', () => {
  it('reads data dropped with a model for that model, pairs the labels .npy, and sweeps', async () => {
    const { store, client } = await lab();
    client.inputSize = 4;
    await store.getState().loadFiles([file('my-gru.onnx'), file('features.npy'), file('labels.npy')]);
    await flush();
    expect(client.packSources).toEqual([
      { id: 'dropped-features', forModel: 'dropped-my-gru', labels: expect.any(ArrayBuffer) },
    ]);
    const s = store.getState();
    expect([s.modelId, s.packId]).toEqual(['dropped-my-gru', 'dropped-features']);
    expect(s.modelEntries.find((m) => m.id === 'dropped-my-gru')?.pack).toBe('dropped-features');
    expect(client.calls.some((c) => c.method === 'sweep')).toBe(true);
    expect(s.notices).toEqual([]);
  });

  it('reads data dropped alone for the current model', async () => {
    const { store, client } = await lab();
    await store.getState().loadFiles([file('mine.npz')]);
    expect(client.packSources).toEqual([
      { id: 'dropped-mine', forModel: 'digits-delta-l1', labels: undefined },
    ]);
    expect(store.getState().packId).toBe('dropped-mine');
  });

  it('keeps a model alone that does not fit the current pack until its data comes, and names unknown files', async () => {
    const { store, client } = await lab();
    client.inputSize = 7;
    await store.getState().loadFiles([file('other.onnx'), file('notes.txt')]);
    const texts = store.getState().notices.map((n) => n.text);
    expect(texts.some((t) => /notes\.txt: drop a model/.test(t))).toBe(true);
    expect(texts.some((t) => /other\.onnx is loaded: it takes 7 inputs.*Drop or open its data/.test(t))).toBe(
      true,
    );
    expect(store.getState().modelId).toBe('digits-delta-l1');
    expect(store.getState().modelEntries.some((m) => m.id === 'dropped-other')).toBe(false);
    // Its data, dropped next on its own, is read for it (and calibrates it: auto).
    await store.getState().loadFiles([file('mine.npz')]);
    await flush();
    expect(client.packSources.at(-1)).toEqual({
      id: 'dropped-mine',
      forModel: 'dropped-other',
      labels: undefined,
    });
    const s = store.getState();
    expect([s.modelId, s.packId]).toEqual(['dropped-other', 'dropped-mine']);
    expect(s.models['dropped-other'].quantization).toMatchObject({ source: 'calibrated' });
  });

  it('keeps a model alone in another format than the current samples waiting for its data', async () => {
    const { store } = await lab();
    store.setState({ activationChoice: { intBits: 5, fracBits: 2 } });
    await store.getState().loadFiles([file('my-gru.onnx')]);
    expect(store.getState().modelId).toBe('digits-delta-l1');
    expect(store.getState().notices.map((n) => n.text)).toContainEqual(
      expect.stringMatching(/takes 4 inputs per frame in Q5\.2, the current samples have 4 in Q3\.4/),
    );
    await store.getState().loadFiles([file('mine.npz')]);
    expect(store.getState()).toMatchObject({ modelId: 'dropped-my-gru', packId: 'dropped-mine' });
  });

  it('keeps data alone that the current model cannot read for the model dropped next', async () => {
    const { store, client } = await lab();
    client.inputSize = 7;
    const refuse = client.loadPack.bind(client);
    client.loadPack = (source) =>
      'entry' in source || source.forModel !== 'digits-delta-l1'
        ? refuse(source)
        : Promise.reject(new Error('the data has 7 features per frame, the model takes 4'));
    await store.getState().loadFiles([file('mine.npz')]);
    let texts = store.getState().notices.map((n) => n.text);
    expect(texts.some((t) => /Could not load mine\.npz: the data has 7 features per frame/.test(t))).toBe(
      true,
    );
    expect(texts.some((t) => /mine\.npz is kept/.test(t))).toBe(true);
    await store.getState().loadFiles([file('my-gru.onnx')]);
    await flush();
    texts = store.getState().notices.map((n) => n.text);
    expect(texts.some((t) => /mine\.npz is read for my-gru\.onnx/.test(t))).toBe(true);
    expect([store.getState().modelId, store.getState().packId]).toEqual(['dropped-my-gru', 'dropped-mine']);
  });
});

describe('the activation format of a dropped ONNX model', () => {
  const requantized = (client: RecordingClient) =>
    client.calls
      .filter((c) => c.method === 'requantizeModel')
      .map((c) => c.req as { id: string; options: object });

  it('is calibrated on its data on auto, chosen by hand, and calibrated again on the same data', async () => {
    const { store, client } = await lab();
    await store.getState().loadFiles([file('my-gru.onnx'), file('features.npy'), file('labels.npy')]);
    await flush();
    expect(requantized(client)).toEqual([
      {
        id: 'dropped-my-gru',
        options: {
          activation: 'auto',
          calibrate: { name: 'features.npy', data: expect.any(ArrayBuffer), labels: expect.any(ArrayBuffer) },
        },
      },
    ]);
    expect(store.getState().models['dropped-my-gru'].quantization).toMatchObject({
      source: 'calibrated',
      activation: { intBits: 2, fracBits: 5 },
    });
    const sweeps = () => client.calls.filter((c) => c.method === 'sweep').length;
    const traces = () => client.calls.filter((c) => c.method === 'trace').length;
    const [sweeps0, traces0] = [sweeps(), traces()];
    await store.getState().setActivation({ intBits: 5, fracBits: 2 });
    await flush();
    expect(requantized(client)[1]).toEqual({
      id: 'dropped-my-gru',
      options: { activation: { intBits: 5, fracBits: 2 }, calibrate: undefined },
    });
    const s = store.getState();
    expect(s.models['dropped-my-gru'].quantization).toMatchObject({
      source: 'chosen',
      choice: { intBits: 5 },
    });
    // New codes: the trace, the evaluation and the live curve are computed again.
    expect(sweeps()).toBe(sweeps0 + 1);
    expect(traces()).toBe(traces0 + 1);
    await store.getState().setActivation('auto');
    expect(requantized(client)[2].options).toMatchObject({
      activation: 'auto',
      calibrate: { name: 'features.npy' },
    });
    expect(store.getState().activationChoice).toBe('auto');
  });

  it('goes back to its previous calibration when data it was calibrated on cannot be read', async () => {
    const { store, client } = await lab();
    await store.getState().loadFiles([file('my-gru.onnx'), file('features.npy'), file('labels.npy')]);
    await flush();
    const read = client.loadPack.bind(client);
    client.loadPack = (source) =>
      'entry' in source || source.id !== 'dropped-bad'
        ? read(source)
        : Promise.reject(new Error('sequence 3 ("s3") has label 12; the model has 3 classes (0-2)'));
    const before = store.getState().models['dropped-my-gru'];
    await store.getState().loadFiles([file('bad.npz')]);
    expect(
      requantized(client).map((r) => (r.options as { calibrate?: { name: string } }).calibrate?.name),
    ).toEqual(['features.npy', 'bad.npz', 'features.npy']);
    const s = store.getState();
    expect(s.models['dropped-my-gru']).toBe(before);
    expect(s.packId).toBe('dropped-features');
    expect(s.notices.map((n) => n.text)).toContainEqual(
      expect.stringMatching(/Could not load bad\.npz: sequence 3/),
    );
  });

  it('keeps the format of a model running on samples stored as codes (.dlp), and says why', async () => {
    const { store, client } = await lab();
    await store.getState().loadFiles([file('my-gru.onnx')]);
    expect(store.getState()).toMatchObject({ modelId: 'dropped-my-gru', packId: 'digits-test' });
    await store.getState().setActivation({ intBits: 1, fracBits: 6 });
    expect(requantized(client)).toEqual([]);
    expect(store.getState().notices.map((n) => n.text)).toContainEqual(
      expect.stringMatching(/stored as codes in Q3\.4; drop or open its data/),
    );
  });

  it('does nothing for a model that keeps its own format (.dlm)', async () => {
    const { store, client } = await lab();
    await store.getState().setActivation({ intBits: 1, fracBits: 6 });
    expect(requantized(client)).toEqual([]);
  });
});
