// The booth tour: while the link asks for it (kiosk=1), the lab plays scene after scene of the tour
// script on its own, with a caption. The first touch of anything (pointer, key, wheel) stops it and
// leaves the lab to the visitor; after kioskIdleS seconds with no touch it resumes with the next scene.
import type { LabStore } from '../store/create-store';
import { selectModelInfo, selectPack } from '../store/selectors';
import { presetThresholds, sameThresholds } from '../store/threshold-limits';
import { caption, type Scene, sceneAt } from './tour-plan';
import { sleep, until } from './wait';

/** Pause after a sample ends, at 1x (shorter at higher speeds): time to read the figures. */
const DWELL_MS = 2500;
/** A scene plays at most this long at 1x: a 100 s driving clip would otherwise hold the booth. */
const MAX_PLAY_MS = 12_000;
const INPUTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Shows one scene: loads its task, sets its thresholds and sample, plays it to the end, dwells.
 * False when there was nothing to show (its model did not load).
 */
async function playScene(store: LabStore, scene: Scene, signal: AbortSignal): Promise<boolean> {
  if (store.getState().task !== scene.task) {
    await store.getState().selectTask(scene.task);
    if (signal.aborted) return true;
  }
  const s = store.getState();
  const info = selectModelInfo(s);
  const pack = selectPack(s);
  if (!info || !pack || scene.item >= pack.items.length) return false;
  const thresholds = presetThresholds(scene.preset, info, s.modelId ? s.operatingPoints[s.modelId] : null);
  if (!sameThresholds(thresholds, s.thresholds)) s.setThresholds(thresholds);
  s.setItem(scene.item);
  const item = pack.items[scene.item];
  const classes = info.task.kind === 'classification' ? info.task.classNames : [];
  s.setCaption(
    caption(scene, {
      what: classes[item.label] !== undefined ? `“${classes[item.label]}”` : undefined,
      speaker: item.speaker,
      index: scene.item,
      count: pack.items.length,
    }),
  );
  // The trace of the new setting (an error also ends the wait: the tour goes on to the next scene).
  if (!(await until(store, (st) => st.traceStatus !== 'loading', signal))) return true;
  store.getState().restart();
  store.getState().play();
  const ended = until(store, (st) => !st.playing, signal);
  const cut = sleep(MAX_PLAY_MS / store.getState().speed, signal);
  await Promise.race([ended, cut]);
  if (signal.aborted) return true;
  store.getState().pause();
  await sleep(DWELL_MS / store.getState().speed, signal);
  return true;
}

export function startAttract(store: LabStore, target: EventTarget): () => void {
  let next = 0;
  let tour: AbortController | null = null;
  let idle: ReturnType<typeof setTimeout> | undefined;

  const run = async () => {
    tour?.abort();
    const mine = new AbortController();
    tour = mine;
    store.getState().setAttract('running');
    // The tour moves on when a sample ends; looping playback would never end one.
    store.getState().setLoop(false);
    while (!mine.signal.aborted) {
      const tasks = store.getState().modelEntries.map((m) => m.task);
      const scene = sceneAt(next++, { tasks, packSize });
      if (!scene) break;
      // A scene with nothing to show must not turn the loop into a busy one.
      if (!(await playScene(store, scene, mine.signal))) await sleep(DWELL_MS, mine.signal);
    }
  };

  /** Items of the task's pack once loaded; before that 1, so a task's first scene shows its first sample. */
  const packSize = (task: string) => {
    const s = store.getState();
    const entry = s.modelEntries.find((m) => m.task === task);
    return (entry && s.packs[entry.pack]?.items.length) || 1;
  };

  const onInput = () => {
    const s = store.getState();
    if (!s.kiosk) return;
    if (s.attract === 'running') {
      tour?.abort();
      s.setAttract('paused');
    }
    clearTimeout(idle);
    idle = setTimeout(() => void run(), s.kioskIdleS * 1000);
  };

  for (const type of INPUTS) target.addEventListener(type, onInput, { capture: true, passive: true });
  const begin = () => {
    const s = store.getState();
    if (s.kiosk && s.attract === 'off' && s.modelId) void run();
  };
  const unsubscribe = store.subscribe(begin);
  begin();

  return () => {
    unsubscribe();
    tour?.abort();
    clearTimeout(idle);
    for (const type of INPUTS) target.removeEventListener(type, onInput, { capture: true });
  };
}
