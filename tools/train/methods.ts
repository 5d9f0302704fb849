// The paper's five training methods as forward-pass settings plus their optimisation schedules.
// Every method but `dense` starts from the dense network and is fine-tuned with its own forward
// pass (rounding, noise, the delta network, L1), so the five differ only in what the paper varies.
import type { RunningMeanAnchor } from '../../src/engine/features/logmel';
import { type ForwardConfig, PLAIN_FORWARD } from './gru';
import type { SpecAugment } from './trainer';

export const METHODS = ['dense', 'rounded', 'noise', 'delta', 'delta-l1'] as const;
export type Method = (typeof METHODS)[number];

export const METHOD_LABELS: Record<Method, string> = {
  dense: 'Dense GRU, naive conversion',
  rounded: 'Rounded activations (Q3.4) in training',
  noise: 'Gaussian noise on weight-matrix inputs',
  delta: 'Trained as a delta network',
  'delta-l1': 'Delta network + L1 on hidden changes',
};

export interface Hyper {
  hidden: number;
  bands: number;
  batch: number;
  seed: number;
  /** Dense training from scratch. */
  denseEpochs: number;
  denseLr: number;
  /** Fine-tuning of the other four methods from the dense weights. */
  tuneEpochs: number;
  tuneLr: number;
  patience: number;
  clip: number;
  /** Training threshold Θh of delta / delta-l1 (and what `noise` prepares for), in LSBs. */
  trainTheta: number;
  /**
   * Θx = inputThetaRatio * Θh everywhere (training, curves): the inputs are normalised to unit
   * standard deviation (range about ±4) while h stays in (-1, 1), so the input threshold scales with it.
   */
  inputThetaRatio: number;
  /**
   * Random level change of each training utterance in the feature domain, ± this many nats of mel
   * power (0: off; the waveform variants carry level changes instead, which the running mean needs).
   */
  gainAugment: number;
  /** SpecAugment-style frequency and time masks on each training draw (tools/train/trainer.ts). */
  specAugment: SpecAugment;
  /** Probability of setting each input value of a training draw to 0 (0: off). */
  inputDropout: number;
  /** Loss over the last fraction of each training sequence's steps, not only the final one (0: off). */
  tailLoss: number;
  /** Decoupled (AdamW) weight decay on the weight matrices (0: off). */
  weightDecay: number;
  /** Feature range and floor, and the causal running mean's decay per 10 ms frame (0: none). */
  fmin: number;
  fmax: number;
  logFloor: number;
  runningMeanDecay: number;
  /** How the running mean's starting state follows the first frame (LogMelSpec RunningMean.anchor); absent: fixed. */
  runningMeanAnchor?: RunningMeanAnchor;
  /**
   * Cepstral liftering: each frame's log energies keep only their `lifter` lowest DCT components
   * across bands (the spectral envelope, without the pitch harmonics a higher voice resolves in the
   * low bands); absent: none. Compared in speaker-validation.ts only: the lab's features lack it.
   */
  lifter?: number;
  /** Waveform variants per training recording (tools/train/augment.ts); 0: clean only. */
  augmentVariants: number;
  /**
   * Operating points must hold within the allowed drop on the validation takes' channel copies too
   * (12 dB quieter, band-limited: pipeline.ts CHANNELS), not only on the clean takes.
   */
  operatingPointChannels: boolean;
  /**
   * Further validation folds of takes [first, last] for the operating-point choice (cross-validation):
   * for each, every method trained again on the other takes of trainTakes and valTakes, validated
   * (early stopping too) on the fold. The choice is then made on valTakes (the shipped models) and
   * these folds pooled; [] : on valTakes alone.
   */
  cvTakes: [number, number][];
  /** Fine-tune epochs over which the training thresholds rise to trainTheta (trainer.ts thetaRamp; 0: off). */
  thetaRamp: number;
  /** Fine-tunes' distillation weight towards the dense model they start from (trainer.ts distill; 0: off). */
  distill: number;
  /** L1 weight on Σ|h_t - h_{t-1}| per sequence. */
  l1Beta: number;
  /** Take ranges [first, last] of each split; the shipped test split is always the official 0-4. */
  trainTakes: [number, number];
  valTakes: [number, number];
  testTakes: [number, number];
  /**
   * Leave-one-speaker-out: for each of these speakers ('all': every speaker in the data), the
   * methods in `losoMethods` trained again without them and tested on all their recordings.
   */
  losoSpeakers: 'all' | string[];
  losoMethods: Method[];
}

// H and β were chosen on the validation split: H = 96 gave the fastest validation-chosen operating
// point of `delta` among H = 64, 96, 128 (9.2x, 11.5x, 9.1x) at 59% of H = 128's cost per step;
// β = 0.002 that of `delta-l1` among 0.002 and 0.005 (11.3x, 10.5x). β = 0.01, tried at H = 64,
// dominated the loss. (Those choices predate augmentation.) The features were compared by a nested
// validation (speaker jackson left out entirely, trained on four speakers, validated on all of
// yweweler, dense, 12 epochs): 300-3400 Hz bands 84.6% against 79.4% for 50-4000 Hz; running-mean
// decay 0.95 / 0.98 / none 84.6% / 83.6% / 83.0% (within noise: the running mean is kept for level
// independence). Epochs are what two shared cores allow for 17 jobs.
// The training recipe was chosen by the same kind of nested speaker validation, on two pairs
// (tools/train/speaker-validation.ts; bench/results/speaker-validation.json; dense, 16 epochs, fixed
// point Θ = 0): jackson out, trained on george, lucas, nicolas, theo, validated on all of yweweler;
// george out, trained on jackson, lucas, theo, yweweler, validated on all of nicolas. Seeds 1-3 (the
// seed also draws the waveform variants) spread the old recipe over 68.4-75.2% (mean 72.3%), so only
// three-seed means decide. tailLoss 0.25 (the loss over the last 25% of the steps; the prediction
// stays the final step's) 78.9% (85.5% / 72.3%, ahead in every seed: 81.0 / 77.0 / 78.8 against
// 75.2 / 68.4 / 73.3), tailLoss 0.5 78.9% too (86.6% / 71.3%; the smaller change kept): shipped.
// One seed each, none ahead of the old recipe's 75.2% by more than its spread: SpecAugment masks (2 band masks
// ≤ 4 + 2 time masks ≤ 5 frames 62.9%; 1 band mask ≤ 2 73.0%), 24 dense epochs 75.4%, H = 128
// 74.5%, 8 waveform variants 74.4%, vocal-tract range ×0.75-1.4 74.3%, 0-150 / 0-300 ms of padding
// 70.0% / 72.4%, 16 bands 71.8%, input dropout 0.1 71.7%, AdamW decay 1 75.1%, bands to 3800 / 4000
// Hz 74.6% / 72.4%, from 200 Hz 76.0%. The old recipe's errors there were mostly six and eight taken
// for three, six for eight and two for seven.
// Measured once after the choice (all 17 jobs retrained): official dense 95.3% -> 97.0%, synthesized
// voices +3.5 to +8.5 points at the operating points, LOSO means up 0.7-4.3 points; `noise` then loses
// 2.3 points on the 12 dB quieter copy (the channel target allows 2: missed by one recording of 300),
// and the best delta model's validation-chosen point is 9.5x at -2.7 (was 10.2x at -1.7).
// The running mean's start, the fine-tune length and the threshold choice were then compared on the
// official validation takes and on their 12 dB quieter and 300-3400 Hz band-limited copies
// (tools/train/official-validation.ts; seeds 1 and 2; the test takes not read). From the fixed start
// a 12 dB level change moved 98.8% of the validation feature codes (0.92 std at frame 0, 0.34 at
// frame 20, a word being 25-57 frames), and 2.25% of the predictions at Θ = 0 (mean over the five
// methods and both seeds); runningMeanAnchor 'first-frame-level' (the start moved to the first
// frame's level) 0.41% (lower in every method and seed), band-limited 1.18% -> 1.38%, dense on the
// clean takes 98.0% -> 98.1%, and on the nested speaker validation 77.9% against tail25's 78.9%
// (within its seed spread: 77.3-78.7 against 77.0-81.0): shipped. The per-band first-frame start
// ('first-frame') lost: dense 97.0%, best delta speedup 6.3x, speaker validation 75.5% (seed 1).
// tuneEpochs 10: the best delta model's validation speedup (plain choice) 9.05x -> 10.5x with the
// anchor, 9.15x -> 10.55x without (both seeds): shipped. trainTheta 8 (with or without 10 epochs)
// found no pair within 1 point for delta-l1 and fell to 6.3-7.4x; β 0.005 8.7x as 0.002: kept 6 and
// 0.002. operatingPointChannels: the pair chosen on the clean takes alone sat 0.2-1.1 points lower
// on the copies (an edge of the 600 takes' noise); holding on all three, the best delta model gives
// 10.0x / 9.9x (seeds 1 / 2) against 10.6x / 10.4x: shipped, as the channel target needs it too.
// Measured once after the choice (all 17 jobs retrained): the 12 dB quieter copy within 0.3 points
// of clean for every method (was -2.3 for noise), band-limited delta-l1 -2.7 (channel target still
// missed), the best delta model's point 9.8x at +1.0 (was 9.5x at -2.7), LOSO means at the operating
// points 75.0 / 75.6% -> 76.9 / 78.0% (dense / delta-l1); dense at Θ = 0 on test 97.0% -> 94.7%
// (seven recordings; level with the old recipe on validation).
// A second round on the same validation takes against this recipe (official-validation.ts, seeds 1
// and 2; `shipped` reproduces its validation-chosen points exactly) found nothing to ship. Predictions
// changed by the band-limited copy, mean over the five methods, at Θ = 0 / at the all-copies pair:
// shipped 1.05% / 1.50% (seeds 0.90-1.20 / 1.37-1.63). logFloor 1e-8: 1.07% / 1.92%; it made the 12 dB
// copy exact (0.40% -> 0.05%) but dense on the clean takes fell 98.1% -> 97.5% (97.3 / 97.7 against
// 98.0 / 98.2) and the best delta model to 9.84 / 9.18x; 1e-10 was not run. Band-pass augmentation
// p = 0.7: 1.25% / 1.38%, best delta model 7.84 / 8.93x; p = 0.7 with edges 150-600 / 2400-3800 Hz:
// 0.97% / 1.52%, 8.03 / 8.47x, dense 97.5%. tuneEpochs 16: the best delta model's all-copies point
// 9.92 / 9.69x against 9.96 / 9.87x (on the clean takes alone 11.3 / 9.7x against 10.6 / 10.4x: the
// copies hold it back); for delta-l1 alone 16 epochs changed fewer band-limited predictions in both
// seeds (1.8% -> 1.3% at Θ = 0, 1.9% -> 1.3% at the all-copies pair; 9.9 / 9.1x against 9.8 / 8.5x),
// 3-4 of 600 takes per seed, about the seed spread; a third seed (delta methods only) did not keep
// it (2.2% / 2.5% against 2.0% / 2.5%, 5.5x against 7.2x), and there the shipped recipe's best delta
// model gives 7.8x (seeds 1-3: 10.0, 9.9, 7.8x): the speedup target depends on the seed as much as on
// the recipe. On these takes the band-limited copy scores within 0.9 points of clean at every chosen
// pair (within 0.5 on average over the pairs within 3 points of dense), for every candidate and seed,
// so they hardly see the test split's -2.7 for delta-l1 (8 of 300 recordings).
// cvTakes: the operating points are then chosen on four folds of the training takes pooled (5-14 with
// the shipped models, 15-24, 25-34, 35-44 each with every method trained again without them; 2400
// takes and their two channel copies), decided before the run and shipped whatever it gave, since one
// fold's 600 takes and one trained model had made the choice a draw (seeds 1-3: 10.0, 9.9, 7.8x). The
// shipped models retrained byte-identical. Pooled, dense at Θ = 0 scores 96.9% (folds 98.0, 97.5, 95.5,
// 96.7%), and no pair of delta or delta-l1 comes within 1 point of it on all three versions of the
// takes (delta's best 95.9%, one recording of 2400 short): their operating points fall back to their most
// accurate pair, Θx 3, Θh 6 at 7.0x / 7.3x. Measured once afterwards on test: the channel copies within
// 1.3 points of clean for every method (was -2.7 for delta-l1), the best delta model's point 7.2x at
// +1.3 points against dense (was 9.8x at +1.0; the 10x target now misses by 2.8x).
// The delta fine-tunes were then compared on those four folds pooled (tools/train/fold-validation.ts,
// each candidate's fold fine-tunes from the shipped run's dense fold models; the test takes not read),
// the rule fixed before: ship the recipe whose best delta model gets the fastest pooled choice. A
// threshold curriculum (thetaRamp 3 / 5) gave 7.8x / 7.0x (delta), distillation 0.5 towards the dense
// model with lr 2e-3 9.1x, and the fine-tune learning rate lr 1e-3 / 2e-3 / 3e-3 7.3x (none within) /
// 9.7x / 11.05x (delta-l1 at Θx 7, Θh 6, within 1 point of dense on the clean takes and both copies):
// tuneLr 3e-3 (the dense rate) shipped, for all four fine-tuned methods alike (rounded, noise and the
// LOSO delta-l1 jobs trained again). Measured once afterwards on test: the best delta model, delta-l1
// at Θx 7, Θh 6, 11.0x at +1.7 points against dense (target met; was 7.2x), the channel copies within
// 0.3 points of clean for every method, LOSO delta-l1 78.0% -> 80.2%, synthesized voices 66.0-73.3%.
export const FULL: Hyper = {
  hidden: 96,
  bands: 20,
  batch: 32,
  seed: 1,
  denseEpochs: 16,
  denseLr: 3e-3,
  tuneEpochs: 10,
  tuneLr: 3e-3,
  patience: 6,
  clip: 5,
  trainTheta: 6,
  thetaRamp: 0,
  distill: 0,
  inputThetaRatio: 1,
  l1Beta: 2e-3,
  operatingPointChannels: true,
  cvTakes: [
    [15, 24],
    [25, 34],
    [35, 44],
  ],
  gainAugment: 0,
  specAugment: { freqMasks: 0, freqWidth: 0, timeMasks: 0, timeWidth: 0 },
  inputDropout: 0,
  tailLoss: 0.25,
  weightDecay: 0,
  fmin: 300,
  fmax: 3400,
  logFloor: 1e-6,
  runningMeanDecay: 0.95,
  runningMeanAnchor: 'first-frame-level',
  augmentVariants: 3,
  trainTakes: [15, 49],
  valTakes: [5, 14],
  testTakes: [0, 4],
  losoSpeakers: 'all',
  losoMethods: ['dense', 'delta-l1'],
};

/** Tiny models on a handful of files, for CI: exercises every step in seconds. */
export const QUICK: Hyper = {
  ...FULL,
  hidden: 8,
  bands: 12,
  batch: 8,
  denseEpochs: 2,
  tuneEpochs: 1,
  trainTakes: [10, 10],
  valTakes: [5, 5],
  testTakes: [0, 0],
  cvTakes: [[10, 10]],
  augmentVariants: 1,
  losoSpeakers: ['jackson'],
  losoMethods: [...METHODS],
};

/** Activation LSB of Q3.4: thresholds and rounding in training use the deployed step. */
export const LSB = 1 / 16;

export function forwardFor(method: Method, h: Hyper): ForwardConfig {
  const theta = h.trainTheta * LSB;
  const thetaX = h.inputThetaRatio * theta;
  const base: ForwardConfig = {
    ...PLAIN_FORWARD,
    roundStep: LSB,
    monitorThetaX: thetaX,
    monitorThetaH: theta,
  };
  switch (method) {
    case 'dense':
      return { ...base, roundStep: 0 };
    case 'rounded':
      return base;
    case 'noise':
      // The delta error on a transmitted value lies in [-Θ, Θ]; noise of the same spread (std Θ/√3).
      return { ...base, noiseX: thetaX / Math.sqrt(3), noiseH: theta / Math.sqrt(3) };
    case 'delta':
      return { ...base, delta: true, thetaX, thetaH: theta };
    case 'delta-l1':
      return { ...base, delta: true, thetaX, thetaH: theta, l1: h.l1Beta };
  }
}
