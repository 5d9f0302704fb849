// deltalab eval: accuracy, RMSE or digit error rate and every cost figure of DESIGN.md section 3, for one threshold
// setting, from the engine's evaluatePack.
import { compileModel } from '../../../src/engine/compile';
import { evaluatePack, uniformThresholds } from '../../../src/engine/evaluate';
import type { Thresholds } from '../../../src/engine/types';
import { parse, theta } from '../args';
import { architecture, evalRecord } from '../describe';
import { UsageError } from '../errors';
import { parseFormat, toCsv, toJson, toPairs } from '../format';
import type { CliIo } from '../io';
import { progressBar } from '../progress';
import { DATA_HELP, loadBoth, MODEL_FLAGS } from './shared';

export const EVAL_HELP = `Usage: deltalab eval <model> <data> [options]

Evaluates a model (.dlm, or .onnx imported on the fly) on a data set at one threshold setting and
prints the task metric (accuracy, RMSE, or for a connected-digits model the digit error rate:
errorRate = edits / referenceLength) with every cost figure: speedup, MAC reduction, memory-access
reduction, occupancy (all layers, and per layer), and the dense and delta counts behind them.

${DATA_HELP}

Options:
  --theta N              Θx = Θh = N (activation LSBs) on every layer
  --theta-x N --theta-h N  Θx and Θh on every layer (give both)
                         (default: the model's trained thresholds)
  --float                run the float engine instead of fixed point
  --labels FILE          labels (.npy) for a .npy of features
  --activation Qm.f|auto ONNX models: activation format (default: the file's own, else Q3.4;
                         auto = calibrated on <data>; the choice is told on stderr)
  --format table|json|csv  output (default table); JSON writes ∞ as null
  -q, --quiet            no progress bar
  -h, --help             this help

Exit codes: 0 ok, 1 bad input (unreadable, invalid or mismatched files), 2 usage.
`;

export function thresholdsFrom(
  values: Record<string, string | boolean | undefined>,
  layers: number,
  trained: Thresholds,
): Thresholds {
  const [all, tx, th] = [values.theta, values['theta-x'], values['theta-h']] as (string | undefined)[];
  if (all !== undefined && (tx !== undefined || th !== undefined))
    throw new UsageError('give --theta or --theta-x/--theta-h, not both');
  if ((tx === undefined) !== (th === undefined)) throw new UsageError('--theta-x and --theta-h go together');
  if (all !== undefined) return uniformThresholds(layers, theta('theta', all), theta('theta', all));
  if (tx !== undefined) return uniformThresholds(layers, theta('theta-x', tx), theta('theta-h', th!));
  return trained;
}

export function evalCommand(argv: string[], io: CliIo): number {
  const a = parse(
    argv,
    {
      ...MODEL_FLAGS,
      theta: { type: 'string' },
      'theta-x': { type: 'string' },
      'theta-h': { type: 'string' },
    },
    ['model', 'data'],
  );
  if (a.help) {
    io.out(EVAL_HELP);
    return 0;
  }
  const format = parseFormat(a.values.format as string | undefined);
  const { model, pack, mode } = loadBoth(io, a.positionals[0], a.positionals[1], a.values);
  const th = thresholdsFrom(a.values, model.layers.length, model.trainedThresholds);
  const bar = progressBar(io, 'evaluating', !!a.values.quiet);
  const result = evaluatePack(compileModel(model, mode), pack, th, { onProgress: bar.update });
  bar.stop();
  const row = evalRecord(model, pack, mode, th, result);
  if (format === 'json') io.out(toJson(row));
  else if (format === 'csv') io.out(toCsv([row]));
  else io.out(`${architecture(model)}\n${toPairs(row)}`);
  return 0;
}
