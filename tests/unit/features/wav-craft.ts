// WAV files written field by field for tests, so any header field can be made hostile.

export interface Fields {
  format?: number;
  channels?: number;
  rate?: number;
  bits?: number;
  blockAlign?: number;
  dataBytes?: number;
  declaredData?: number;
}

/** A WAV file written field by field, so any field can be made hostile. */
export function wav(f: Fields = {}): Uint8Array {
  const channels = f.channels ?? 1;
  const bits = f.bits ?? 16;
  const dataBytes = f.dataBytes ?? 64;
  const bytes = new Uint8Array(44 + dataBytes);
  const v = new DataView(bytes.buffer);
  const tag = (at: number, s: string) => {
    for (let i = 0; i < 4; i++) bytes[at + i] = s.charCodeAt(i);
  };
  tag(0, 'RIFF');
  v.setUint32(4, 36 + dataBytes, true);
  tag(8, 'WAVE');
  tag(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, f.format ?? 1, true);
  v.setUint16(22, channels, true);
  v.setUint32(24, f.rate ?? 8000, true);
  v.setUint32(28, ((f.rate ?? 8000) * channels * bits) / 8, true);
  v.setUint16(32, f.blockAlign ?? (channels * bits) / 8, true);
  v.setUint16(34, bits, true);
  tag(36, 'data');
  v.setUint32(40, f.declaredData ?? dataBytes, true);
  for (let i = 44; i < bytes.length; i++) bytes[i] = (i * 37) & 0xff;
  return bytes;
}
