// deltalab: the engine from the command line (eval, sweep, convert, info). Every figure printed is
// the engine's (src/engine evaluate/sweep/costs); this file only dispatches and maps failures to
// exit codes: 0 ok, 1 bad input, 2 usage.
import { WavError } from '../../src/data/wav';
import { FeatureSpecError } from '../../src/engine/features/spec';
import { FormatError } from '../../src/engine/format';
import { CONVERT_HELP, convertCommand } from './commands/convert';
import { EVAL_HELP, evalCommand } from './commands/eval';
import { INFO_HELP, infoCommand } from './commands/info';
import { SWEEP_HELP, sweepCommand } from './commands/sweep';
import { InputError, UsageError } from './errors';
import type { CliIo } from './io';

export const USAGE = `Usage: deltalab <command> [options]

Commands:
  eval <model> <data>       accuracy, RMSE or digit error rate and every cost figure at one setting
  sweep <model> <data>      a threshold grid: curve JSON, SVG plot and CSV
  convert <input> <output>  ONNX <-> DeltaLab models; data to a sample pack
  info <file>               architecture, formats, thresholds, provenance and licence

Run "deltalab <command> --help" for the options of each. Figures follow docs/DESIGN.md section 3.
Exit codes: 0 ok, 1 bad input, 2 usage.
`;

const COMMANDS: Record<string, { run: (argv: string[], io: CliIo) => number; help: string }> = {
  eval: { run: evalCommand, help: EVAL_HELP },
  sweep: { run: sweepCommand, help: SWEEP_HELP },
  convert: { run: convertCommand, help: CONVERT_HELP },
  info: { run: infoCommand, help: INFO_HELP },
};

export function main(argv: string[], io: CliIo): number {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    if (topic && !COMMANDS[topic]) {
      io.err(`deltalab: unknown command "${topic}"\n\n${USAGE}`);
      return 2;
    }
    (name === undefined ? io.err : io.out)(topic ? COMMANDS[topic].help : USAGE);
    return name === undefined ? 2 : 0;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    io.err(`deltalab: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return cmd.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`deltalab ${name}: ${e.message}\nRun "deltalab ${name} --help" for usage.\n`);
      return 2;
    }
    const input =
      e instanceof InputError ||
      e instanceof FormatError ||
      e instanceof WavError ||
      e instanceof FeatureSpecError;
    // The engine signals a pack that cannot feed the model (size, format, targets) with RangeError.
    if (input || e instanceof RangeError) {
      io.err(`deltalab ${name}: ${(e as Error).message}\n`);
      return 1;
    }
    io.err(`deltalab ${name}: internal error: ${(e as Error).message ?? e}\n`);
    return 1;
  }
}
