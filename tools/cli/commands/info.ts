// deltalab info: what a model or data file holds: architecture, formats, trained thresholds,
// provenance and licence; items and format of a pack; arrays of a NumPy file.
import { DATA_LIMITS, parseNpy, parseNpz, sniffData } from '../../../src/engine/dataset';
import { decodePack, LIMITS } from '../../../src/engine/format';
import type { Model, SamplePack } from '../../../src/engine/types';
import { parse } from '../args';
import { architecture, perLayer, q } from '../describe';
import { UsageError } from '../errors';
import { parseFormat, type Row, toJson, toPairs } from '../format';
import { type CliIo, readLimited } from '../io';
import { loadModel } from '../load';

export const INFO_HELP = `Usage: deltalab info <file> [--format table|json]

Describes a model (.dlm or .onnx: architecture, fixed-point formats, trained thresholds,
provenance, licence), a sample pack (.dlp) or a NumPy file (.npy/.npz: arrays, dtypes, shapes).

Options:
  --activation Qm.f      ONNX models: the activation format to assume (default: the file's own,
                         else Q3.4)
  --format table|json    output (default table)
  -h, --help             this help

Exit codes: 0 ok, 1 bad input (unreadable or invalid file), 2 usage.
`;

function modelRow(m: Model): Row {
  const fp = m.fixedPoint;
  const p = m.provenance;
  return {
    kind: 'model',
    name: m.name,
    description: m.description,
    architecture: architecture(m),
    inputSize: m.layers[0].inputSize,
    hiddenSizes: m.layers.map((l) => l.hiddenSize),
    task: m.task.kind,
    ...(m.task.kind === 'classification'
      ? { classes: m.task.classNames.join(', ') }
      : { outputs: m.task.outputNames.join(', '), units: m.task.units }),
    activation: q(fp.activation),
    weights: `${fp.weightBits}-bit, ${fp.weightFrac} fractional bits`,
    accumulator: `${fp.accumulatorBits}-bit`,
    rounding: fp.rounding,
    gates: `tables of ${2 * fp.tableInputRange * 2 ** fp.tableInputFrac} entries, ${fp.gateFrac} fractional bits`,
    trainedThetaX: perLayer(m.trainedThresholds.thetaX),
    trainedThetaH: perLayer(m.trainedThresholds.thetaH),
    features:
      typeof m.features.kind === 'string'
        ? m.features.kind
        : Object.keys(m.features).length
          ? 'custom'
          : 'none declared',
    dataset: p.dataset,
    trainingMethod: p.trainingMethod,
    seed: p.seed,
    license: p.license,
    attribution: p.attribution,
    createdBy: p.createdBy,
    ...(p.metrics && Object.fromEntries(Object.entries(p.metrics).map(([k, v]) => [`metric.${k}`, v]))),
    ...(p.notes && { notes: p.notes }),
  };
}

function packRow(p: SamplePack): Row {
  const lengths = p.items.map((i) => i.length);
  return {
    kind: 'sample pack',
    name: p.name,
    task: p.task.kind,
    ...(p.task.kind === 'classification'
      ? { classes: p.task.classNames.join(', ') }
      : { outputs: p.task.outputNames.join(', ') }),
    activation: q(p.activation),
    inputSize: p.inputSize,
    sequences: p.items.length,
    frames: lengths.reduce((s, n) => s + n, 0),
    shortest: Math.min(...lengths),
    longest: Math.max(...lengths),
    dataset: p.provenance.dataset,
    license: p.provenance.license,
    attribution: p.provenance.attribution,
    createdBy: p.provenance.createdBy,
  };
}

function numpyRow(bytes: Uint8Array): Row {
  const arrays = sniffData(bytes) === 'npz' ? parseNpz(bytes) : new Map([['(array)', parseNpy(bytes)]]);
  const row: Row = { kind: 'NumPy arrays' };
  for (const [name, a] of arrays) row[name] = `${a.dtype} (${a.shape.join(', ')})`;
  return row;
}

export function infoCommand(argv: string[], io: CliIo): number {
  const a = parse(argv, { format: { type: 'string' }, activation: { type: 'string' } }, ['file']);
  if (a.help) {
    io.out(INFO_HELP);
    return 0;
  }
  const format = parseFormat(a.values.format as string | undefined);
  if (format === 'csv') throw new UsageError('info prints table or json');
  const path = a.positionals[0];
  let row: Row;
  if (/\.(dlm|onnx)$/i.test(path))
    row = modelRow(loadModel(path, { activation: a.values.activation as string | undefined }));
  else if (/\.dlp$/i.test(path))
    row = packRow(decodePack(readLimited(path, LIMITS.maxFileBytes, 'a sample pack')));
  else if (/\.(npy|npz)$/i.test(path)) row = numpyRow(readLimited(path, DATA_LIMITS.maxFileBytes, 'data'));
  else throw new UsageError(`${path}: info reads .dlm, .onnx, .dlp, .npy and .npz files`);
  io.out(format === 'json' ? toJson(row) : toPairs(row));
  return 0;
}
