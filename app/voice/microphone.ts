// The microphone: getUserMedia into an AudioWorklet (capture.worklet.ts, bundled by Vite as a file of
// the build, so the page's CSP 'self' allows it) that hands raw sample blocks to onSamples. Failures
// become MicrophoneErrors whose text says what the person can do.
import workletUrl from './capture.worklet.ts?worker&url';

export class MicrophoneError extends Error {
  override name = 'MicrophoneError';
}

export interface Microphone {
  /** The rate the samples come at (the audio device's, often 48 kHz). */
  sampleRate: number;
  close(): void;
}

export type OpenMicrophone = (onSamples: (samples: Float32Array) => void) => Promise<Microphone>;

/** What getUserMedia's DOMException names mean for the person in front of the page. */
export function microphoneErrorText(e: unknown): string {
  const name = (e as { name?: string } | null)?.name;
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return "Microphone permission denied: allow the microphone for this page in the browser's site settings, then try again.";
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No microphone found: connect one (or enable it in the system settings), then try again.';
    case 'NotReadableError':
    case 'AbortError':
      return 'The microphone could not be opened: another program may be using it.';
    default:
      return `The microphone could not be started: ${(e as Error)?.message ?? String(e)}`;
  }
}

export const openMicrophone: OpenMicrophone = async (onSamples) => {
  if (!navigator.mediaDevices?.getUserMedia || typeof AudioWorkletNode === 'undefined') {
    throw new MicrophoneError(
      'This browser cannot record here: a microphone needs a secure page (https or localhost) and AudioWorklet support.',
    );
  }
  let stream: MediaStream;
  try {
    // The raw signal: the features were trained on unprocessed recordings.
    stream = await navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false, channelCount: 1 },
    });
  } catch (e) {
    throw new MicrophoneError(microphoneErrorText(e));
  }
  const context = new AudioContext();
  const close = () => {
    for (const t of stream.getTracks()) t.stop();
    void context.close();
  };
  try {
    await context.audioWorklet.addModule(workletUrl);
    const source = context.createMediaStreamSource(stream);
    const node = new AudioWorkletNode(context, 'deltalab-capture', { numberOfInputs: 1, numberOfOutputs: 1 });
    node.port.onmessage = (e: MessageEvent<Float32Array>) => onSamples(e.data);
    source.connect(node);
    // Its output is silence; connected so that the graph pulls the node in every browser.
    node.connect(context.destination);
    if (context.state === 'suspended') await context.resume();
  } catch (e) {
    close();
    throw new MicrophoneError(`The microphone could not be started: ${(e as Error)?.message ?? String(e)}`);
  }
  return { sampleRate: context.sampleRate, close };
};
