// A progress bar on stderr for long work, drawn only when stderr is a terminal (never in pipes or logs).
import { SingleBar } from 'cli-progress';
import type { CliIo } from './io';

export interface Progress {
  update: (done: number, total: number) => void;
  stop: () => void;
}

export function progressBar(io: CliIo, label: string, quiet: boolean): Progress {
  if (!io.errStream.isTTY || quiet) return { update: () => {}, stop: () => {} };
  const bar = new SingleBar({
    format: `${label} [{bar}] {percentage}% {value}/{total}`,
    stream: io.errStream,
    hideCursor: true,
    clearOnComplete: true,
  });
  let started = false;
  return {
    update: (done, total) => {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
