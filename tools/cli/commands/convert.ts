// deltalab convert: ONNX <-> DeltaLab models, and evaluation data to a sample pack for a model.
import { encodeModel, encodePack } from '../../../src/engine/format';
import { exportOnnx } from '../../../src/engine/onnx';
import { parse } from '../args';
import { architecture } from '../describe';
import { UsageError } from '../errors';
import { type CliIo, writeOut } from '../io';
import { calibratable, loadData, loadModel } from '../load';
import { progressBar } from '../progress';

export const CONVERT_HELP = `Usage: deltalab convert <input> <output> [options]

  model.onnx -> model.dlm     import an ONNX GRU network (see docs/onnx.md for what is supported)
  model.dlm  -> model.onnx    export any DeltaLab model (float weights) to ONNX
  data       -> pack.dlp      a sample pack for --model from .npy/.npz/.csv or a folder of WAVs

Options:
  --activation Qm.f|auto  ONNX import: activation format (default: the file's own, else Q3.4;
                          auto needs --calibrate)
  --calibrate DATA        ONNX import: data to calibrate --activation auto on
  --model FILE            data -> pack: the model the pack is for (input size, format, classes)
  --labels FILE           labels (.npy) for a .npy of features
  -h, --help              this help

Exit codes: 0 ok, 1 bad input (unreadable, invalid or mismatched files), 2 usage.
`;

const MODEL = /\.(dlm|onnx)$/i;

export function convertCommand(argv: string[], io: CliIo): number {
  const flags = {
    activation: { type: 'string' },
    calibrate: { type: 'string' },
    model: { type: 'string' },
    labels: { type: 'string' },
  } as const;
  const a = parse(argv, flags, ['input', 'output']);
  if (a.help) {
    io.out(CONVERT_HELP);
    return 0;
  }
  const [input, output] = a.positionals;
  const v = a.values as Record<string, string | undefined>;
  if (/\.dlp$/i.test(output)) {
    if (!v.model) throw new UsageError('a sample pack is made for a model: give --model');
    const bar = progressBar(io, 'featurizing', false);
    const pack = loadData(input, loadModel(v.model), {
      labels: v.labels,
      warn: io.err,
      onProgress: bar.update,
    });
    bar.stop();
    writeOut(output, encodePack(pack));
    io.out(`wrote ${output}: ${pack.items.length} sequences of ${pack.inputSize} features\n`);
    return 0;
  }
  if (
    !MODEL.test(input) ||
    !MODEL.test(output) ||
    input.slice(-4).toLowerCase() === output.slice(-4).toLowerCase()
  ) {
    throw new UsageError('convert a .onnx to a .dlm, a .dlm to a .onnx, or data to a .dlp');
  }
  if (v.calibrate && !calibratable(v.calibrate))
    throw new UsageError(
      `--calibrate ${v.calibrate}: calibration needs real values (.npy, .npz, .csv); a pack or WAV folder holds codes`,
    );
  const model = loadModel(input, {
    activation: v.activation,
    calibrate: v.calibrate,
    labels: v.labels,
    note: io.err,
  });
  writeOut(output, /\.onnx$/i.test(output) ? exportOnnx(model) : encodeModel(model));
  io.out(`wrote ${output}: ${architecture(model)}\n`);
  return 0;
}
