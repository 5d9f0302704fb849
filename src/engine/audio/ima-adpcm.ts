// IMA ADPCM (the 4-bit code of the IMA/DVI recommendation, as in WAV format 0x11): 16-bit samples to
// one nibble each, low nibble first. The encoder runs the decoder's own state update, so decoding
// never drifts from what the encoder predicted. Every stream starts from predictor 0, step index 0.

const STEPS = Int16Array.from([
  7, 8, 9, 10, 11, 12, 13, 14, 16, 17, 19, 21, 23, 25, 28, 31, 34, 37, 41, 45, 50, 55, 60, 66, 73, 80, 88, 97,
  107, 118, 130, 143, 157, 173, 190, 209, 230, 253, 279, 307, 337, 371, 408, 449, 494, 544, 598, 658, 724,
  796, 876, 963, 1060, 1166, 1282, 1411, 1552, 1707, 1878, 2066, 2272, 2499, 2749, 3024, 3327, 3660, 4026,
  4428, 4871, 5358, 5894, 6484, 7132, 7845, 8630, 9493, 10442, 11487, 12635, 13899, 15289, 16818, 18500,
  20350, 22385, 24623, 27086, 29794, 32767,
]);
const INDEX_MOVE = [-1, -1, -1, -1, 2, 4, 6, 8];

/** Bytes that hold `samples` nibbles. */
export const adpcmBytes = (samples: number): number => Math.ceil(samples / 2);

interface State {
  predictor: number;
  index: number;
}

/** Applies one nibble to the state (the decoder step, shared by the encoder); returns the sample. */
function apply(s: State, nibble: number): number {
  const step = STEPS[s.index];
  let diff = step >> 3;
  if (nibble & 4) diff += step;
  if (nibble & 2) diff += step >> 1;
  if (nibble & 1) diff += step >> 2;
  s.predictor = Math.max(-32768, Math.min(32767, s.predictor + (nibble & 8 ? -diff : diff)));
  s.index = Math.max(0, Math.min(88, s.index + INDEX_MOVE[nibble & 7]));
  return s.predictor;
}

function quantize(s: State, sample: number): number {
  const step = STEPS[s.index];
  let diff = sample - s.predictor;
  let nibble = 0;
  if (diff < 0) {
    nibble = 8;
    diff = -diff;
  }
  if (diff >= step) {
    nibble |= 4;
    diff -= step;
  }
  if (diff >= step >> 1) {
    nibble |= 2;
    diff -= step >> 1;
  }
  if (diff >= step >> 2) nibble |= 1;
  return nibble;
}

/** Float samples in [-1, 1] (clipped) to IMA ADPCM bytes. */
export function encodeImaAdpcm(samples: Float32Array): Uint8Array {
  const out = new Uint8Array(adpcmBytes(samples.length));
  const s: State = { predictor: 0, index: 0 };
  for (let i = 0; i < samples.length; i++) {
    const v = Math.round(Math.max(-1, Math.min(1, samples[i])) * 32767);
    const nibble = quantize(s, v);
    apply(s, nibble);
    out[i >> 1] |= i & 1 ? nibble << 4 : nibble;
  }
  return out;
}

/** The first `count` samples of IMA ADPCM bytes, as floats in [-1, 1]; any bytes decode. */
export function decodeImaAdpcm(bytes: Uint8Array, count: number): Float32Array {
  if (!Number.isInteger(count) || count < 0 || adpcmBytes(count) > bytes.length) {
    throw new RangeError(`${count} samples need ${adpcmBytes(count)} bytes, have ${bytes.length}`);
  }
  const out = new Float32Array(count);
  const s: State = { predictor: 0, index: 0 };
  for (let i = 0; i < count; i++) {
    const b = bytes[i >> 1];
    out[i] = apply(s, i & 1 ? b >> 4 : b & 15) / 32767;
  }
  return out;
}
