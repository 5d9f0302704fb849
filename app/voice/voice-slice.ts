// Your own voice: a WAV file or the microphone becomes the lab's current sample. The engine worker
// computes everything (features, endpointing, the trace: voice-sync.ts); this slice only moves bytes
// and samples there and keeps what came back.
import { type EngineClient, type ItemFrames, MAX_TRACE_FRAMES } from '../../src/workers/api';
import { errorText } from '../store/engine-errors';
import type { Slice } from '../store/types';
import { type Microphone, type OpenMicrophone, openMicrophone } from './microphone';

export interface Recording {
  source: 'file' | 'microphone';
  name: string;
  /** The model whose features these frames are (another model gets its own from `wav`). */
  modelId: string;
  frames: ItemFrames;
  /** The audio as a WAV file: the file itself, or the microphone's word at the model's rate (null while live). */
  wav: ArrayBuffer | null;
  /** Still being spoken: frames keep arriving and the playhead follows them. */
  live: boolean;
}

export type VoiceStatus = 'idle' | 'starting' | 'listening' | 'speaking' | 'processing';
export type VoiceMode = 'push' | 'hands-free';

export interface VoiceSlice {
  recording: Recording | null;
  voiceStatus: VoiceStatus;
  voiceMode: VoiceMode;
  /** Loudest frame of the last block of microphone samples, dBFS. */
  voiceLevel: number;
  setVoiceMode(mode: VoiceMode): void;
  /** A WAV file (dropped or opened) through the model's features, then played as the sample. */
  openRecording(name: string, bytes: ArrayBuffer): Promise<void>;
  /** Opens the microphone; hands-free stops by itself when the word has ended. */
  startListening(): Promise<void>;
  stopListening(): Promise<void>;
  /** Back to the pack's samples. */
  closeRecording(): void;
}

const SILENCE_HINT = 'silence only: nothing above −60 dBFS was heard';

export function createVoiceSlice(
  client: EngineClient,
  open: OpenMicrophone = openMicrophone,
): Slice<VoiceSlice> {
  return (set, get) => {
    let mic: Microphone | null = null;
    let pushes: Promise<void> = Promise.resolve();
    let stopAsked = false;
    let codes = new Int8Array(0);

    const fail = (text: string) => get().notify('error', text);

    const live = (modelId: string, length: number) => {
      const info = get().models[modelId];
      const inputSize = info?.layers[0]?.inputSize ?? 0;
      const frames: ItemFrames = {
        frames: codes.slice(0, length * inputSize),
        length,
        inputSize,
        fracBits: info?.fixedPoint.activation.fracBits ?? 0,
      };
      set({
        recording: {
          source: 'microphone',
          name: 'your voice (live)',
          modelId,
          frames,
          wav: null,
          live: true,
        },
      });
    };

    const push = (modelId: string, samples: Float32Array) => {
      pushes = pushes
        .then(async () => {
          if (!mic) return;
          const b = await client.voicePush(samples);
          set({ voiceLevel: b.level });
          if (b.frames.length > 0) {
            const grown = new Int8Array(codes.length + b.frames.length);
            grown.set(codes);
            grown.set(b.frames, codes.length);
            codes = grown;
            set({ voiceStatus: 'speaking' });
            live(modelId, b.length);
          }
          if (b.state === 'ended') void get().stopListening();
        })
        .catch((e) => {
          if (!mic) return;
          fail(`Recording stopped: ${errorText(e)}`);
          void get().stopListening();
        });
    };

    return {
      recording: null,
      voiceStatus: 'idle',
      voiceMode: 'push',
      voiceLevel: Number.NEGATIVE_INFINITY,

      setVoiceMode: (voiceMode) => set({ voiceMode }),

      openRecording: async (name, bytes) => {
        const modelId = get().modelId;
        if (!modelId) return fail(`${name}: load a model first.`);
        try {
          const frames = await client.wavFeatures(modelId, bytes);
          if (frames.silent) return fail(`${name}: ${SILENCE_HINT} (is it the right file?).`);
          if (frames.length > MAX_TRACE_FRAMES) {
            return fail(
              `${name}: too long (${frames.length} frames; the lab plays up to ${MAX_TRACE_FRAMES / 100} s).`,
            );
          }
          set({
            recording: { source: 'file', name, modelId, frames, wav: bytes, live: false },
            position: 0,
            playing: false,
          });
        } catch (e) {
          fail(`${name}: ${errorText(e)}`);
        }
      },

      startListening: async () => {
        const modelId = get().modelId;
        if (get().voiceStatus !== 'idle' || !modelId) return;
        stopAsked = false;
        codes = new Int8Array(0);
        set({ voiceStatus: 'starting', playing: false });
        // Samples that come before the worker's session exists wait for it.
        let started = () => {};
        pushes = new Promise((resolve) => {
          started = resolve;
        });
        try {
          mic = await open((samples) => push(modelId, samples));
          await client.voiceStart({ modelId, sampleRate: mic.sampleRate });
        } catch (e) {
          mic?.close();
          mic = null;
          started();
          set({ voiceStatus: 'idle' });
          return fail(errorText(e));
        }
        started();
        set({ voiceStatus: 'listening' });
        if (stopAsked) await get().stopListening();
      },

      stopListening: async () => {
        const status = get().voiceStatus;
        if (status === 'starting') {
          stopAsked = true;
          return;
        }
        if (status !== 'listening' && status !== 'speaking') return;
        set({ voiceStatus: 'processing' });
        const m = mic;
        mic = null;
        m?.close();
        await pushes;
        const modelId = get().recording?.modelId ?? get().modelId;
        try {
          const r = await client.voiceStop();
          const { wav, seconds, cut, ...frames } = r;
          set({
            recording: {
              source: 'microphone',
              name: `your voice (${seconds.toFixed(1)} s)`,
              modelId: modelId ?? '',
              frames,
              wav,
              live: false,
            },
          });
          if (cut) get().notify('warning', 'The recording was cut at 10 s: one digit at a time works best.');
        } catch (e) {
          set({ recording: null });
          fail(`Nothing to run: ${errorText(e)}`);
        }
        set({ voiceStatus: 'idle', voiceLevel: Number.NEGATIVE_INFINITY });
      },

      closeRecording: () => set({ recording: null, position: 0 }),
    };
  };
}
