// Models and evaluation data from files, through the engine's readers: .dlm or .onnx models; .dlp
// packs, NumPy/CSV sets, or folders of WAVs named {label}_*.wav featurized as training did.
import { join } from 'node:path';
import { wavToMono } from '../../src/data/wav';
import { DATA_LIMITS, importDataset } from '../../src/engine/dataset';
import { logMelCodes } from '../../src/engine/features/logmel';
import { parseLogMelSpec } from '../../src/engine/features/spec';
import { decodeModel, decodePack, LIMITS } from '../../src/engine/format';
import {
  type ActivationChoice,
  type ActivationDecision,
  importOnnxQuantized,
  ONNX_LIMITS,
  parseQFormat,
  qFormatText,
} from '../../src/engine/onnx';
import type { Model, SampleItem, SamplePack } from '../../src/engine/types';
import { InputError, UsageError } from './errors';
import { isDirectory, listDir, readLimited } from './io';

const WAV_LIMIT = 64 * 1024 * 1024;

export function baseName(path: string): string {
  return (path.split(/[\\/]/).pop() ?? path).replace(/\.[^.]*$/, '');
}

export interface ModelLoad {
  activation?: string;
  /** Data to calibrate the activation format on, for --activation auto. */
  calibrate?: string;
  labels?: string;
  /** Told the activation format an ONNX model was given, and how it was chosen. */
  note?: (text: string) => void;
}

/** Data --activation auto can calibrate on: real values, not a pack or WAV folder of codes. */
export function calibratable(path: string): boolean {
  return !isDirectory(path) && !/\.dlp$/i.test(path);
}

function decisionText(d: ActivationDecision, data: string | undefined): string {
  const q = qFormatText(d.activation);
  switch (d.source) {
    case 'calibrated':
      return `activation ${q}, calibrated on ${data}: ${d.clipped} of ${d.values} input values beyond its range\n`;
    case 'chosen':
      return `activation ${q}, as chosen\n`;
    case 'file':
      return `activation ${q}, the file's own\n`;
    default:
      return `activation ${q}, the default (no DeltaLab settings in the file; --activation auto calibrates on data)\n`;
  }
}

export function loadModel(path: string, opts: ModelLoad = {}): Model {
  if (/\.onnx$/i.test(path)) {
    // Flags first: a usage error is reported before any file is read.
    let choice: ActivationChoice = 'auto';
    if (opts.activation && opts.activation !== 'auto') {
      const q = parseQFormat(opts.activation);
      if (!q)
        throw new UsageError(
          `--activation ${opts.activation}: expected Qm.f with m + f = 7, e.g. Q3.4, or auto`,
        );
      choice = q;
    }
    const auto = opts.activation === 'auto';
    if (auto && !opts.calibrate) throw new UsageError('--activation auto needs data to calibrate on');
    const bytes = readLimited(path, ONNX_LIMITS.maxFileBytes, 'an ONNX model');
    const data = auto && opts.calibrate && calibratable(opts.calibrate) ? opts.calibrate : undefined;
    const { model, decision } = importOnnxQuantized(bytes, {
      fallbackName: baseName(path),
      choice,
      calibrate: data
        ? {
            data: readLimited(data, DATA_LIMITS.maxFileBytes, 'data'),
            labels: opts.labels ? readLimited(opts.labels, DATA_LIMITS.maxFileBytes, 'labels') : undefined,
          }
        : undefined,
    });
    opts.note?.(decisionText(decision, data));
    return model;
  }
  if (opts.activation)
    throw new UsageError('--activation applies to ONNX models only (a .dlm declares its own)');
  return decodeModel(readLimited(path, LIMITS.maxFileBytes, 'a model'));
}

/** A folder of WAVs named {label}_*.wav, featurized exactly as the model's training did. */
function wavPack(dir: string, model: Model, onProgress?: (done: number, total: number) => void): SamplePack {
  if (model.task.kind !== 'classification')
    throw new InputError(`${dir}: WAV folders are for classification models`);
  const spec = parseLogMelSpec(model.features);
  if (spec.bands !== model.layers[0].inputSize) {
    throw new InputError(
      `the model's features have ${spec.bands} bands but it takes ${model.layers[0].inputSize} inputs`,
    );
  }
  const classes = model.task.classNames;
  const files = listDir(dir).filter((f) => /\.wav$/i.test(f));
  if (files.length === 0) throw new InputError(`${dir}: no .wav files`);
  const chunks: Int8Array[] = [];
  const items: SampleItem[] = [];
  let offset = 0;
  for (const [k, f] of files.entries()) {
    onProgress?.(k, files.length);
    const label = f.split('_')[0];
    const index = /^\d+$/.test(label) ? Number(label) : classes.indexOf(label);
    if (!(index >= 0 && index < classes.length)) {
      throw new InputError(
        `${join(dir, f)}: the name should start with a class (0-${classes.length - 1} or ${classes.slice(0, 3).join(', ')}, ...) and "_"`,
      );
    }
    const { frames, length } = logMelCodes(
      wavToMono(readLimited(join(dir, f), WAV_LIMIT, 'a WAV file'), spec.sampleRate),
      spec,
    );
    if (length === 0) throw new InputError(`${join(dir, f)}: too short for one feature frame`);
    chunks.push(frames);
    items.push({ id: f, offset, length, label: index });
    offset += length;
  }
  const frames = new Int8Array(offset * spec.bands);
  let at = 0;
  for (const c of chunks) {
    frames.set(c, at);
    at += c.length;
  }
  return {
    name: baseName(dir),
    task: model.task,
    activation: model.fixedPoint.activation,
    inputSize: spec.bands,
    features: model.features,
    items,
    frames,
    provenance: {
      dataset: dir,
      trainingMethod: 'none',
      seed: 0,
      license: 'unknown',
      attribution: 'WAV files',
      createdBy: 'deltalab eval',
    },
  };
}

export interface DataLoad {
  labels?: string;
  /** Reports real values clamped while quantizing imported data. */
  warn?: (text: string) => void;
  /** WAV folders: files featurized so far. */
  onProgress?: (done: number, total: number) => void;
}

export function loadData(path: string, model: Model, opts: DataLoad = {}): SamplePack {
  if (isDirectory(path)) return wavPack(path, model, opts.onProgress);
  if (/\.dlp$/i.test(path)) {
    if (opts.labels) throw new UsageError('--labels applies to .npy data only');
    return decodePack(readLimited(path, LIMITS.maxFileBytes, 'a sample pack'));
  }
  const data = readLimited(path, DATA_LIMITS.maxFileBytes, 'data');
  const labels = opts.labels ? readLimited(opts.labels, DATA_LIMITS.maxFileBytes, 'labels') : undefined;
  const built = importDataset(
    { data, labels },
    {
      name: baseName(path),
      inputSize: model.layers[0].inputSize,
      activation: model.fixedPoint.activation,
      task: model.task,
    },
  );
  if (built.saturated > 0) {
    const q = model.fixedPoint.activation;
    opts.warn?.(
      `warning: ${built.saturated} of ${built.values} input values were outside Q${q.intBits}.${q.fracBits} and were clamped\n`,
    );
  }
  return built.pack;
}
