// Sample-pack files (.dlp): encodePack / decodePack. The header carries the items (id, frame range,
// label); the blob holds all frames as int8 activation codes, then float32 targets for regression,
// then (optional) the items' recordings as IMA ADPCM bytes.
import { z } from 'zod';
import { adpcmBytes } from '../audio/ima-adpcm';
import type { SamplePack } from '../types';
import { checkDim, checkQFormat, checkTask } from './checks';
import { type EncodeOptions, readContainer, writeContainer } from './container';
import { FormatError } from './errors';
import { LIMITS } from './limits';
import {
  countSchema,
  featuresSchema,
  isPlainJson,
  jsonRoundTrip,
  nameSchema,
  parseWith,
  provenanceSchema,
  qFormatSchema,
  taskSchema,
  tensorEntrySchema,
} from './schema';
import {
  checkFinite,
  checkTable,
  countMessage,
  layoutTensors,
  readF32,
  readI8,
  type TensorSpec,
  writeTensors,
} from './tensors';

const itemSchema = z.object({
  id: nameSchema,
  offset: countSchema,
  length: countSchema,
  label: z.number().int(),
  speaker: nameSchema.optional(),
  take: countSchema.optional(),
  labels: z.array(z.number().int()).max(LIMITS.maxSequenceLength).optional(),
  audio: z.object({ offset: countSchema, samples: countSchema }).optional(),
});

const audioHeaderSchema = z.object({
  encoding: z.literal('ima-adpcm'),
  sampleRate: countSchema,
  samplesPerFrame: countSchema,
  /** Length of the audio tensor in bytes. */
  bytes: countSchema,
});

const packHeaderSchema = z.object({
  name: nameSchema,
  task: taskSchema,
  activation: qFormatSchema,
  inputSize: countSchema,
  /** Frames of all items together; frames tensor is frameCount x inputSize. */
  frameCount: countSchema,
  features: featuresSchema,
  provenance: provenanceSchema,
  items: z.array(itemSchema),
  audio: audioHeaderSchema.optional(),
  tensors: z.array(tensorEntrySchema),
});

type PackHeader = z.infer<typeof packHeaderSchema>;

function checkPack(h: PackHeader): void {
  checkDim(h.inputSize, LIMITS.maxUnits, 'inputSize');
  checkQFormat(h.activation, 'activation');
  const outputs = checkTask(h.task);
  checkDim(h.items.length, LIMITS.maxItems, 'number of items');
  const ids = new Set<string>();
  h.items.forEach((it, i) => {
    const name = `item ${i} '${it.id}'`;
    if (it.id === '' || ids.has(it.id))
      throw new FormatError('inconsistent', `${name}: id is empty or repeated`);
    ids.add(it.id);
    checkDim(it.length, LIMITS.maxSequenceLength, `${name} length`);
    if (it.offset + it.length > h.frameCount) {
      throw new FormatError(
        'inconsistent',
        `${name}: frames ${it.offset}..${it.offset + it.length} outside the pack's ${h.frameCount} frames`,
      );
    }
    const ctc = h.task.kind === 'classification' ? h.task.ctc : undefined;
    if (ctc) checkLabels(it, ctc.blank, outputs, name);
    else if (it.labels !== undefined)
      throw new FormatError('inconsistent', `${name}: label sequences belong to CTC tasks only`);
    const badLabel = h.task.kind === 'classification' ? it.label < 0 || it.label >= outputs : it.label !== -1;
    if (!ctc && badLabel) {
      const allowed = h.task.kind === 'classification' ? `0..${outputs - 1}` : '-1 (regression)';
      throw new FormatError('inconsistent', `${name}: label ${it.label}, allowed ${allowed}`);
    }
    if (it.audio) checkItemAudio(h, it.audio, name);
  });
}

function checkAudioHeader(a: NonNullable<PackHeader['audio']>): void {
  const { minAudioRate, maxAudioRate } = LIMITS;
  if (a.sampleRate < minAudioRate || a.sampleRate > maxAudioRate) {
    throw new FormatError(
      'inconsistent',
      `audio sample rate ${a.sampleRate} Hz, allowed ${minAudioRate}..${maxAudioRate}`,
    );
  }
  if (a.samplesPerFrame < 1 || a.samplesPerFrame > a.sampleRate) {
    throw new FormatError(
      'inconsistent',
      `audio: ${a.samplesPerFrame} samples per frame, allowed 1..${a.sampleRate} (at most a second)`,
    );
  }
  if (a.bytes > LIMITS.maxBlobBytes) {
    throw new FormatError('too-large', `audio: ${a.bytes} bytes, over ${LIMITS.maxBlobBytes}`);
  }
}

function checkItemAudio(h: PackHeader, a: { offset: number; samples: number }, name: string): void {
  if (!h.audio) throw new FormatError('inconsistent', `${name}: has audio but the pack has none`);
  checkDim(a.samples, LIMITS.maxItemAudioSamples, `${name} audio samples`);
  const end = a.offset + adpcmBytes(a.samples);
  if (end > h.audio.bytes) {
    throw new FormatError(
      'inconsistent',
      `${name}: audio bytes ${a.offset}..${end} outside the pack's ${h.audio.bytes} audio bytes`,
    );
  }
}

/** A CTC item: label -1 and a sequence of class indices, none of them the blank. */
function checkLabels(it: PackHeader['items'][number], blank: number, outputs: number, name: string): void {
  if (it.label !== -1 || !it.labels) {
    throw new FormatError('inconsistent', `${name}: a CTC item needs label -1 and a labels sequence`);
  }
  for (const l of it.labels) {
    if (l < 0 || l >= outputs || l === blank) {
      throw new FormatError('inconsistent', `${name}: label ${l} in the sequence (blank is ${blank})`);
    }
  }
}

function packTensorSpecs(h: PackHeader): TensorSpec[] {
  const n = h.frameCount;
  const specs: TensorSpec[] = [
    { name: 'frames', label: 'frames', dtype: 'i8', shape: [n, h.inputSize], formula: `${n}*${h.inputSize}` },
  ];
  if (h.task.kind === 'regression') {
    const k = h.task.outputNames.length;
    specs.push({ name: 'targets', label: 'targets', dtype: 'f32', shape: [n, k], formula: `${n}*${k}` });
  }
  if (h.audio) {
    const b = h.audio.bytes;
    specs.push({ name: 'audio', label: 'audio', dtype: 'i8', shape: [b], formula: `${b}` });
  }
  return specs;
}

function parsePackHeader(json: unknown): { header: PackHeader; specs: TensorSpec[] } {
  const header = parseWith(packHeaderSchema, json, 'bad-header', 'sample pack header');
  if (header.audio) checkAudioHeader(header.audio);
  checkPack(header);
  return { header, specs: packTensorSpecs(header) };
}

export function encodePack(pack: SamplePack, options: EncodeOptions = {}): Uint8Array {
  if (!(pack.frames instanceof Int8Array))
    throw new FormatError('bad-header', 'frames: expected an Int8Array');
  if (pack.audio && !(pack.audio.data instanceof Uint8Array))
    throw new FormatError('bad-header', 'audio data: expected a Uint8Array');
  if (!isPlainJson(pack.features)) throw new FormatError('bad-header', 'pack features must be plain JSON');
  const frameCount = pack.inputSize > 0 ? pack.frames.length / pack.inputSize : 0;
  if (!Number.isInteger(frameCount)) {
    throw new FormatError(
      'size-mismatch',
      `frames: ${pack.frames.length} values are not whole frames of ${pack.inputSize}`,
    );
  }
  const draft = {
    name: pack.name,
    task: pack.task,
    activation: pack.activation,
    inputSize: pack.inputSize,
    frameCount,
    features: pack.features,
    provenance: pack.provenance,
    items: pack.items,
    ...(pack.audio && {
      audio: {
        encoding: pack.audio.encoding,
        sampleRate: pack.audio.sampleRate,
        samplesPerFrame: pack.audio.samplesPerFrame,
        bytes: pack.audio.data.length,
      },
    }),
    tensors: [],
  };
  const { header, specs } = parsePackHeader(jsonRoundTrip(draft));
  const arrays: (Int8Array | Float32Array)[] = [pack.frames];
  if (header.task.kind === 'regression') {
    const t = pack.targets;
    if (!(t instanceof Float32Array))
      throw new FormatError('size-mismatch', 'regression pack without targets');
    if (t.length !== frameCount * specs[1].shape[1]) {
      throw new FormatError('size-mismatch', countMessage(specs[1], t.length, 'pack'));
    }
    checkFinite(t, 'targets');
    arrays.push(t);
  } else if (pack.targets !== undefined) {
    throw new FormatError('inconsistent', 'classification pack with regression targets');
  }
  if (pack.audio) {
    const d = pack.audio.data;
    arrays.push(new Int8Array(d.buffer, d.byteOffset, d.length));
  }
  const { entries, total } = layoutTensors(specs);
  header.tensors = entries;
  return writeContainer(
    'pack',
    header,
    writeTensors(entries, arrays, total),
    options.compression ?? 'deflate',
  );
}

export function decodePack(bytes: Uint8Array | ArrayBuffer): SamplePack {
  const c = readContainer('pack', bytes);
  const { header: h, specs } = parsePackHeader(c.header);
  const entries = checkTable(h.tensors, specs, c.rawLength);
  const blob = c.blob();
  const pack: SamplePack = {
    name: h.name,
    task: h.task,
    activation: h.activation,
    inputSize: h.inputSize,
    features: h.features,
    items: h.items,
    frames: readI8(blob, entries[0]),
    provenance: h.provenance,
  };
  const at = (name: string) => entries.find((e) => e.name === name);
  const targets = at('targets');
  if (targets) pack.targets = readF32(blob, targets, 'targets');
  const audio = at('audio');
  if (h.audio && audio) {
    const raw = readI8(blob, audio);
    pack.audio = {
      encoding: h.audio.encoding,
      sampleRate: h.audio.sampleRate,
      samplesPerFrame: h.audio.samplesPerFrame,
      data: new Uint8Array(raw.buffer, raw.byteOffset, raw.length),
    };
  }
  return pack;
}
