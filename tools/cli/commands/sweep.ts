// deltalab sweep: the engine's sweepPack over a threshold grid, written as a curve file (the lab's
// *.curve.json), an SVG plot and a CSV, and printed.
import { compileModel } from '../../../src/engine/compile';
import { type GridPoint, sweepPack } from '../../../src/engine/evaluate';
import type { CurvePoint } from '../../../src/engine/types';
import { parse, thetaList } from '../args';
import { curveSvg } from '../curve-svg';
import { UsageError } from '../errors';
import { parseFormat, type Row, toCsv, toJson, toTable } from '../format';
import { type CliIo, writeOut } from '../io';
import { baseName } from '../load';
import { progressBar } from '../progress';
import { DATA_HELP, loadBoth, MODEL_FLAGS } from './shared';

/** The thresholds of the shipped curves (Θx = Θh). */
export const DEFAULT_THETAS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 16, 20, 24];

export const SWEEP_HELP = `Usage: deltalab sweep <model> <data> [options]

Evaluates the model at every point of a threshold grid (the same Θ on every layer) and writes the
trade-off curve three ways: <out>.curve.json (the lab's curve format), <out>.svg (a plot of the
task metric against speedup) and <out>.csv. The points are also printed.

${DATA_HELP}

Options:
  --thetas LIST          Θx = Θh at each value (default ${DEFAULT_THETAS.join(',')})
  --theta-x LIST --theta-h LIST  every pair of the two lists
                         LIST is "0,1,2,4", "0:8" or "0:16:2"
  --out PREFIX           output files (default <model name>-sweep in the current folder)
  --float                run the float engine instead of fixed point
  --labels FILE          labels (.npy) for a .npy of features
  --activation Qm.f|auto ONNX models: activation format (default: the file's own, else Q3.4;
                         auto = calibrated on <data>; the choice is told on stderr)
  --format table|json|csv  what is printed (default table); JSON writes ∞ as null
  -q, --quiet            no progress bar
  -h, --help             this help

Exit codes: 0 ok, 1 bad input (unreadable, invalid or mismatched files), 2 usage.
`;

function gridFrom(values: Record<string, string | boolean | undefined>): GridPoint[] {
  const [all, tx, th] = [values.thetas, values['theta-x'], values['theta-h']] as (string | undefined)[];
  if (all !== undefined && (tx !== undefined || th !== undefined))
    throw new UsageError('give --thetas or --theta-x/--theta-h, not both');
  if ((tx === undefined) !== (th === undefined)) throw new UsageError('--theta-x and --theta-h go together');
  if (tx !== undefined) {
    const hs = thetaList('theta-h', th!);
    return thetaList('theta-x', tx).flatMap((thetaX) => hs.map((thetaH) => ({ thetaX, thetaH })));
  }
  return (all !== undefined ? thetaList('thetas', all) : DEFAULT_THETAS).map((t) => ({
    thetaX: t,
    thetaH: t,
  }));
}

export function pointRow(p: CurvePoint): Row {
  return {
    thetaX: p.thetaX,
    thetaH: p.thetaH,
    ...(p.accuracy !== undefined && { accuracy: p.accuracy }),
    ...(p.rmse !== undefined && { rmse: p.rmse }),
    ...(p.errorRate !== undefined && { errorRate: p.errorRate }),
    speedup: p.speedup,
    macReduction: p.macReduction,
    memoryReduction: p.memReduction,
    occupancy: p.occupancy,
  };
}

export function sweepCommand(argv: string[], io: CliIo): number {
  const flags = {
    ...MODEL_FLAGS,
    thetas: { type: 'string' },
    'theta-x': { type: 'string' },
    'theta-h': { type: 'string' },
    out: { type: 'string' },
  } as const;
  const a = parse(argv, flags, ['model', 'data']);
  if (a.help) {
    io.out(SWEEP_HELP);
    return 0;
  }
  const format = parseFormat(a.values.format as string | undefined);
  const grid = gridFrom(a.values);
  const { model, pack, mode } = loadBoth(io, a.positionals[0], a.positionals[1], a.values);
  const bar = progressBar(io, 'sweeping', !!a.values.quiet);
  const points = sweepPack(compileModel(model, mode), pack, grid, { onProgress: bar.update });
  bar.stop();
  const prefix = (a.values.out as string | undefined) ?? `${baseName(a.positionals[0])}-sweep`;
  const files = { curve: `${prefix}.curve.json`, svg: `${prefix}.svg`, csv: `${prefix}.csv` };
  const rows = points.map(pointRow);
  writeOut(files.curve, `${JSON.stringify(points, null, 1)}\n`);
  writeOut(files.svg, curveSvg(points, `${model.name} on ${pack.name} (${mode}): trade-off`));
  writeOut(files.csv, toCsv(rows));
  if (format === 'json')
    io.out(toJson({ model: model.name, data: pack.name, mode, n: pack.items.length, points: rows, files }));
  else if (format === 'csv') io.out(toCsv(rows));
  else io.out(`${toTable(rows)}wrote ${files.curve}, ${files.svg}, ${files.csv}\n`);
  return 0;
}
