// Your own voice in the store, against the fake engine: a WAV file becomes the sample and is traced
// by traceFrames (not as a pack item), the microphone streams frames that are traced while it is
// live, errors a person can act on are shown, and choosing a pack sample leaves the recording.
import { describe, expect, it } from 'vitest';
import { createLabStore } from '../../../app/store/create-store';
import { connectEngine } from '../../../app/store/engine-sync';
import { MicrophoneError, microphoneErrorText } from '../../../app/voice/microphone';
import { createVoiceSlice } from '../../../app/voice/voice-slice';
import { FakeClient } from './fake-client';

const flush = () => new Promise((r) => setTimeout(r, 0));

async function lab(client = new FakeClient()) {
  const store = createLabStore(client);
  connectEngine(store, client);
  await store.getState().init('');
  await flush();
  return { store, client };
}

const texts = (s: { notices: { text: string }[] }) => s.notices.map((n) => n.text);

describe('a recording as the sample', () => {
  it('runs a WAV file through the model with traceFrames and shows its frames', async () => {
    const { store, client } = await lab();
    await store
      .getState()
      .openFile({ name: 'seven.wav', size: 100, arrayBuffer: async () => new ArrayBuffer(100) });
    await flush();
    const s = store.getState();
    expect(s.recording).toMatchObject({ source: 'file', name: 'seven.wav', live: false });
    expect(client.calls.filter((c) => c.method === 'wavFeatures')).toHaveLength(1);
    expect(client.calls.filter((c) => c.method === 'traceFrames')).toHaveLength(1);
    expect(s.frames).toBe(s.recording?.frames);
    expect(s.trace).not.toBeNull();
    expect(texts(s)).toEqual([]);
    // A new threshold re-runs the recording, not the pack item.
    const traces = client.calls.filter((c) => c.method === 'trace').length;
    store.getState().setThresholds({ thetaX: [1, 1], thetaH: [1, 1] });
    await flush();
    expect(client.calls.filter((c) => c.method === 'traceFrames')).toHaveLength(2);
    expect(client.calls.filter((c) => c.method === 'trace').length).toBe(traces);
    // Choosing a pack sample leaves the recording and traces that sample.
    store.getState().setItem(1);
    await flush();
    expect(store.getState().recording).toBeNull();
    expect(client.calls.filter((c) => c.method === 'trace').length).toBe(traces + 1);
  });

  it('says silence only for a silent file, and shows the worker error for a corrupt one', async () => {
    const client = new FakeClient();
    const { store } = await lab(client);
    const features = client.wavFeatures.bind(client);
    client.wavFeatures = async (m, b) => ({ ...(await features(m, b)), silent: true });
    await store.getState().loadFiles([{ name: 'quiet.wav', bytes: new ArrayBuffer(8) }]);
    client.wavFeatures = async () => {
      throw Object.assign(new Error('not a WAV file: no RIFF/WAVE signature'), { kind: 'format' });
    };
    await store.getState().loadFiles([{ name: 'junk.wav', bytes: new ArrayBuffer(8) }]);
    expect(texts(store.getState())).toEqual([
      'quiet.wav: silence only: nothing above −60 dBFS was heard (is it the right file?).',
      'junk.wav: not a WAV file: no RIFF/WAVE signature',
    ]);
    expect(store.getState().recording).toBeNull();
  });
});

describe('the microphone', () => {
  it('streams frames that are traced while live, then keeps the trimmed recording', async () => {
    const client = new FakeClient();
    let feed: (x: Float32Array) => void = () => {};
    let closed = false;
    const store = createLabStore(client);
    Object.assign(
      store.getState(),
      createVoiceSlice(client, async (onSamples) => {
        feed = onSamples;
        return { sampleRate: 44100, close: () => (closed = true) };
      })(store.setState, store.getState, store),
    );
    connectEngine(store, client);
    await store.getState().init('');
    await flush();
    await store.getState().startListening();
    expect(store.getState().voiceStatus).toBe('listening');
    expect(client.calls.find((c) => c.method === 'voiceStart')?.req).toMatchObject({ sampleRate: 44100 });
    feed(new Float32Array(2048));
    await flush();
    await flush();
    const s = store.getState();
    expect(s.voiceStatus).toBe('speaking');
    expect(s.voiceLevel).toBe(-20);
    expect(s.recording).toMatchObject({ source: 'microphone', live: true });
    expect(client.calls.filter((c) => c.method === 'traceFrames').length).toBeGreaterThan(0);
    await store.getState().stopListening();
    expect(closed).toBe(true);
    expect(store.getState().recording).toMatchObject({
      source: 'microphone',
      live: false,
      name: 'your voice (0.1 s)',
    });
    expect(store.getState().voiceStatus).toBe('idle');
  });

  it('shows why the microphone could not start', async () => {
    const client = new FakeClient();
    const store = createLabStore(client);
    Object.assign(
      store.getState(),
      createVoiceSlice(client, async () => {
        throw new MicrophoneError('Microphone permission denied: allow it');
      })(store.setState, store.getState, store),
    );
    await store.getState().init('');
    await store.getState().startListening();
    expect(texts(store.getState())).toEqual(['Microphone permission denied: allow it']);
    expect(store.getState().voiceStatus).toBe('idle');
  });
});

describe('microphone errors', () => {
  it('say what the person can do for each getUserMedia failure', () => {
    const text = (name: string) => microphoneErrorText(Object.assign(new Error('x'), { name }));
    expect(text('NotAllowedError')).toMatch(/^Microphone permission denied: allow/);
    expect(text('NotFoundError')).toMatch(/^No microphone found/);
    expect(text('NotReadableError')).toMatch(/another program/);
    expect(text('TypeError')).toBe('The microphone could not be started: x');
  });
});
