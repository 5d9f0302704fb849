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
    if (!('entry' in source))
      this.packSources.push({ id: source.id, forModel: source.forModel, labels: source.labels });
    return super.loadPack(source);
  }

  override loadModel(source: Parameters<FakeClient['loadModel']>[0]) {
    return super.loadModel(source).then((info) => {
      if ('entry' in source) return info;
      const [first, ...rest] = info.layers;
      return { ...info, layers: [{ ...first, inputSize: this.inputSize }, ...rest] };
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

  it('refuses a model alone that does not fit the current pack, and unknown files', async () => {
    const { store, client } = await lab();
    client.inputSize = 7;
    await store.getState().loadFiles([file('other.onnx'), file('notes.txt')]);
    const texts = store.getState().notices.map((n) => n.text);
    expect(texts.some((t) => /notes\.txt: drop a model/.test(t))).toBe(true);
    expect(texts.some((t) => /other\.onnx.*drop its data with it/.test(t))).toBe(true);
    expect(store.getState().modelId).toBe('digits-delta-l1');
  });
});
