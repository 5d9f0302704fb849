// RESULTS.md's section on test-time vocal-tract warps (tools/train/warp-check.ts writes the figures).
import { met, pct, signed } from './results-format';

/** Accuracy of each way of choosing the warp α, over one set of recordings. */
export interface WarpScores {
  /** At each α of WarpCheck.alphas, for every recording. */
  fixed: number[];
  /** α = 1: the features the lab computes. */
  unwarped: number;
  /** Per recording, the α the model is most confident at. */
  perRecording: number;
  /** Per voice, the α with the highest mean confidence over its recordings. */
  perVoice: number;
  /** Ceilings that read the labels: per voice the best α, and any α right. */
  oracleVoice: number;
  oracleAny: number;
}

export interface WarpCheck {
  command: string;
  finishedAt: string;
  seconds: number;
  alphas: number[];
  synthVoices: number;
  /** One per leave-one-speaker-out model: its speaker left out, and the synthesized voices. */
  folds: { heldOut: string; speaker: WarpScores; synth: WarpScores }[];
}

const ROWS: { key: keyof Omit<WarpScores, 'fixed'>; label: string }[] = [
  { key: 'unwarped', label: 'α = 1 (the features the lab computes)' },
  { key: 'perRecording', label: 'per recording: the α the model is most confident at' },
  { key: 'perVoice', label: 'per voice: the α with the highest mean confidence' },
  { key: 'oracleVoice', label: 'ceiling: per voice, the α that scores best (reads the labels)' },
  { key: 'oracleAny', label: 'ceiling: right at any α (reads the labels)' },
];

export function warpSection(L: string[], w: WarpCheck): void {
  const mean = (f: (fold: WarpCheck['folds'][number]) => number) =>
    w.folds.reduce((s, fold) => s + f(fold), 0) / w.folds.length;
  const speakers = w.folds.map((f) => f.heldOut);
  L.push('## Test-time vocal-tract warp (measurement only)', '');
  L.push(
    `Could a warp chosen at test time make up for the voices FSDD lacks? Each leave-one-speaker-out dense model above hears every recording of its speaker left out, and the ${w.synthVoices} synthesized voices (through the microphone path), through filterbanks whose band edges are scaled by α = ${w.alphas[0]}–${w.alphas[w.alphas.length - 1]} in ${w.alphas.length} steps; fixed point, Θ = 0 (\`${w.command}\`, ${(w.seconds / 60).toFixed(0)} min, finished ${w.finishedAt.slice(0, 10)}). Synthesized voices: the mean over the ${w.folds.length} models.`,
    '',
    `| α chosen | ${speakers.join(' | ')} | mean | synthesized voices |`,
    `|${' --- |'.repeat(speakers.length + 3)}`,
  );
  for (const r of ROWS)
    L.push(
      `| ${r.label} | ${w.folds.map((f) => pct(f.speaker[r.key])).join(' | ')} | ${pct(mean((f) => f.speaker[r.key]))} | ${pct(mean((f) => f.synth[r.key]))} |`,
    );
  const ceiling = mean((f) => f.speaker.oracleAny);
  const synthCeiling = mean((f) => f.synth.oracleAny);
  const gain = (get: (s: WarpScores) => number, of: 'speaker' | 'synth') =>
    mean((f) => get(f[of]) - f[of].unwarped);
  L.push(
    '',
    `Chosen without labels, per voice the warp changes the mean on the speaker left out by ${signed(gain((s) => s.perVoice, 'speaker'))} points and on the synthesized voices by ${signed(gain((s) => s.perVoice, 'synth'))}; per recording by ${signed(gain((s) => s.perRecording, 'speaker'))} and ${signed(gain((s) => s.perRecording, 'synth'))}, at ${w.alphas.length} runs of the network per recording. Even counting a recording right when any warp gets it right, the means are ${pct(ceiling)} on the speaker left out (target ≥ 95%: ${met(ceiling >= 0.95)}) and ${pct(synthCeiling)} on the synthesized voices (target ≥ 90%: ${met(synthCeiling >= 0.9)})${ceiling < 0.95 && synthCeiling < 0.9 ? ': what the models miss on unheard voices is not a vocal-tract length that a warp in this range could undo' : ''}. Not shipped.`,
    '',
  );
}
