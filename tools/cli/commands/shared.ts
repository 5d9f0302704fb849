// What eval and sweep share: loading the model and data named on the command line.
import type { Model, NumericMode, SamplePack } from '../../../src/engine/types';
import type { CliIo } from '../io';
import { loadData, loadModel } from '../load';
import { progressBar } from '../progress';

export const DATA_HELP = `<data> is a sample pack (.dlp), a folder of WAVs named {label}_*.wav (featurized
exactly as the model's training did), a NumPy .npz (x [N,T,F] and y [N], or arr_0, arr_1, ...
and labels), a .npy of features with --labels, or a CSV (id,label,f0,f1,...).`;

export const MODEL_FLAGS = {
  float: { type: 'boolean' },
  labels: { type: 'string' },
  activation: { type: 'string' },
  format: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
} as const;

export function loadBoth(
  io: CliIo,
  modelPath: string,
  dataPath: string,
  values: Record<string, string | boolean | undefined>,
): { model: Model; pack: SamplePack; mode: NumericMode } {
  const labels = values.labels as string | undefined;
  const model = loadModel(modelPath, {
    activation: values.activation as string | undefined,
    calibrate: dataPath,
    labels,
    note: values.quiet ? undefined : io.err,
  });
  const bar = progressBar(io, 'featurizing', !!values.quiet);
  const pack = loadData(dataPath, model, { labels, warn: io.err, onProgress: bar.update });
  bar.stop();
  return { model, pack, mode: values.float ? 'float' : 'fixed' };
}
