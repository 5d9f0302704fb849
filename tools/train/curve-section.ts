// RESULTS.md's section on accuracy against the number of training speakers (tools/train/speaker-curve.ts
// writes the figures).
import { pct, signed } from './results-format';

/** A power law log(error) = a + b log(k) fitted to the mean errors, and where it meets the target. */
export interface CurveFit {
  target: number;
  a: number;
  b: number;
  kAtTarget: number | null;
}

export interface SpeakerCurve {
  command: string;
  finishedAt: string;
  /** Wall seconds of the run that published this (jobs kept from earlier runs are not trained again). */
  seconds: number;
  /** The fits use the means for k >= this. */
  fitFromK: number;
  points: {
    heldOut: string;
    k: number;
    trainSpeakers: string[];
    bestEpoch: number;
    /** Wall seconds the job trained for, in whichever run trained it. */
    trainSeconds: number;
    accuracy: number;
    synthAccuracy: number;
  }[];
  means: { k: number; accuracy: number; synthAccuracy: number }[];
  fits: { heldOut: CurveFit; synth: CurveFit };
}

export function speakerCurveSection(L: string[], c: SpeakerCurve): void {
  const speakers = [...new Set(c.points.map((p) => p.heldOut))].sort();
  L.push('## Unheard voices against the number of training speakers', '');
  L.push(
    `The dense model (the shipped recipe) trained on k of the five other speakers, for each speaker left out and k = 1–5 (\`${c.command}\`, finished ${c.finishedAt.slice(0, 10)}; training its ${c.points.length} models took ${(c.points.reduce((t, p) => t + p.trainSeconds, 0) / 60).toFixed(0)} min of job time, two at a time on two cores; the run that wrote these rows, which trains only models it does not have yet, took ${(c.seconds / 60).toFixed(0)} min): the k speakers that follow the one left out in name order, early-stopped on their own validation takes; fixed point, Θ = 0, scored on all recordings of the speaker left out and on the synthesized voices. k = 5 is the leave-one-speaker-out fold above. Every cell of one row was trained on a different set of speakers.`,
    '',
    `| speakers trained on | ${speakers.join(' | ')} | mean | synthesized voices (mean) |`,
    `|${' --- |'.repeat(speakers.length + 3)}`,
  );
  for (const m of c.means) {
    const cells = speakers.map((s) => pct(c.points.find((p) => p.k === m.k && p.heldOut === s)!.accuracy));
    L.push(`| ${m.k} | ${cells.join(' | ')} | ${pct(m.accuracy)} | ${pct(m.synthAccuracy)} |`);
  }
  const at = (f: CurveFit) =>
    f.kAtTarget === null
      ? `the error does not fall with k, so no count of such speakers reaches ${pct(f.target)}`
      : `error ∝ k^${f.b.toFixed(2)}, which reaches ${pct(f.target)} at about ${Math.ceil(f.kAtTarget)} training speakers${f.kAtTarget > 100 ? ' (in effect, more speakers like these would not reach it)' : ''}`;
  const steps = (get: (m: SpeakerCurve['means'][number]) => number) =>
    c.means
      .slice(1)
      .map((m, i) => signed(get(m) - get(c.means[i])))
      .join(', ');
  L.push(
    '',
    `Each further speaker changed the mean on the speaker left out by ${steps((m) => m.accuracy)} points, and on the synthesized voices by ${steps((m) => m.synthAccuracy)}. A power law fitted to the mean error over k = ${c.fitFromK}–${c.means[c.means.length - 1].k}: on the speaker left out, ${at(c.fits.heldOut)}; on the synthesized voices, ${at(c.fits.synth)}. FSDD has six speakers, all male, and synthesized speech may not be trained on; an extrapolation this far past the measured range gives the scale of what is missing, not a prediction.`,
    '',
  );
}
