// Playback pacing: at 1x the sequence advances this many steps per second, slow enough to follow.
export const STEPS_PER_SECOND = 10;
export const SPEEDS = [0.25, 0.5, 1, 2, 4] as const;
export const MIN_SPEED = 0.25;
export const MAX_SPEED = 4;
/** The task and method the lab opens with when the manifest has them (the paper's best method). */
export const DEFAULT_TASK = 'digits';
export const DEFAULT_METHOD = 'delta-l1';
