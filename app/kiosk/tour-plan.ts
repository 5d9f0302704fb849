// The booth tour's script: which task, sample and threshold preset the n-th scene shows, and the
// caption that says what is happening. Pure, so it is tested without a page.
import { DEFAULT_TASK } from '../store/constants';
import type { PresetName } from '../store/threshold-limits';

/** The tour's presets in order: the model's operating point first, then what dense costs, then pushing it. */
export const TOUR_PRESETS: PresetName[] = ['sweet', 'dense', 'aggressive'];
/** Samples shown at each preset before the next one. */
export const SAMPLES_PER_PRESET = 2;
/** The built-in example task has random, untrained weights: nothing to show at a booth. */
export const TOUR_SKIPS_TASKS = ['example'];
/** A step through the pack that is prime to any pack size below it, so the tour visits every sample. */
const ITEM_STRIDE = 7919;

export interface Scene {
  task: string;
  preset: PresetName;
  item: number;
}

export interface TourInputs {
  /** Tasks of the manifest, in manifest order. */
  tasks: string[];
  /** Items in the pack of the task the scene is in. */
  packSize: (task: string) => number;
}

/** Manifest order is alphabetical; the tour opens on the lab's home task, the others follow in that order. */
export function tourTasks(all: string[]): string[] {
  const unique = [...new Set(all)];
  const home = unique.filter((t) => t === DEFAULT_TASK);
  const ordered = [...home, ...unique.filter((t) => t !== DEFAULT_TASK)];
  const tasks = ordered.filter((t) => !TOUR_SKIPS_TASKS.includes(t));
  return tasks.length > 0 ? tasks : ordered;
}

export function sceneAt(n: number, inputs: TourInputs): Scene | null {
  const tasks = tourTasks(inputs.tasks);
  if (tasks.length === 0) return null;
  const perTask = TOUR_PRESETS.length * SAMPLES_PER_PRESET;
  const task = tasks[Math.floor(n / perTask) % tasks.length];
  const preset = TOUR_PRESETS[Math.floor((n % perTask) / SAMPLES_PER_PRESET)];
  const size = inputs.packSize(task);
  if (size <= 0) return null;
  return { task, preset, item: (n * ITEM_STRIDE) % size };
}

const PRESET_WORDS: Record<PresetName, string> = {
  sweet:
    "The model's operating point: a neuron sends its change only when it exceeds Θ, so most stay silent and their multiplications are skipped.",
  dense: 'Θ = 0: every neuron sends every step, which is what an ordinary (dense) network computes.',
  aggressive: 'Aggressive thresholds: even fewer neurons send, and the test-set accuracy starts to fall.',
};

export interface SampleWords {
  /** What the sample is ("the digit seven"), when the pack says. */
  what?: string;
  speaker?: string;
  index: number;
  count: number;
}

export function caption(scene: Scene, sample: SampleWords): string {
  const who = sample.speaker ? `, spoken by ${sample.speaker}` : '';
  const what = sample.what ? `: ${sample.what}${who}` : who;
  return `Sample ${sample.index + 1} of ${sample.count}${what}. ${PRESET_WORDS[scene.preset]}`;
}
