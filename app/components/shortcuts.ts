// The keyboard shortcuts: one table used by the key handler and by the help overlay.

import { SPEEDS } from '../store/constants';
import type { LabStore } from '../store/create-store';
import { PRESETS, presetThresholds } from '../store/threshold-limits';
import { toggleFullscreen } from './fullscreen';

export interface Shortcut {
  keys: string[];
  label: string;
  run(store: LabStore): void;
}

function shiftSpeed(store: LabStore, dir: 1 | -1) {
  const s = store.getState();
  const i = (SPEEDS as readonly number[]).indexOf(s.speed);
  const next = SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, (i < 0 ? 2 : i) + dir))];
  s.setSpeed(next);
}

export const SHORTCUTS: Shortcut[] = [
  { keys: [' '], label: 'play / pause', run: (st) => st.getState().togglePlay() },
  { keys: ['ArrowLeft'], label: 'step back', run: (st) => st.getState().step(-1) },
  { keys: ['ArrowRight'], label: 'step forward', run: (st) => st.getState().step(1) },
  { keys: ['Home', 'r'], label: 'restart', run: (st) => st.getState().restart() },
  { keys: ['['], label: 'slower', run: (st) => shiftSpeed(st, -1) },
  { keys: [']'], label: 'faster', run: (st) => shiftSpeed(st, 1) },
  ...PRESETS.map((p) => ({
    keys: [p.key],
    label: `preset: ${p.label}`,
    run: (st: LabStore) => {
      const s = st.getState();
      const info = s.modelId ? s.models[s.modelId] : undefined;
      if (info) s.setThresholds(presetThresholds(p.name, info, s.operatingPoints[s.modelId ?? '']));
    },
  })),
  {
    keys: ['p', 'P'],
    label: 'presentation mode',
    run: (st) => st.getState().setPresentation(!st.getState().presentation),
  },
  { keys: ['f'], label: 'full screen', run: () => toggleFullscreen() },
  { keys: ['s'], label: 'sound on/off', run: (st) => st.getState().setMuted(!st.getState().muted) },
  { keys: ['m'], label: 'pause all animation', run: (st) => st.getState().setMotion(!st.getState().motion) },
  { keys: ['?'], label: 'this help', run: (st) => st.getState().setHelpOpen(!st.getState().helpOpen) },
  { keys: ['Escape'], label: 'close help', run: (st) => st.getState().setHelpOpen(false) },
];

const KEY_NAMES: Record<string, string> = { ' ': 'Space', ArrowLeft: '←', ArrowRight: '→' };
export const keyName = (k: string) => KEY_NAMES[k] ?? k;

/** Keys typed into a field belong to the field (arrows move a slider, space presses a button). */
function ownsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable) return true;
  if (tag === 'INPUT') return key !== 'Escape' && key !== '?';
  if (tag === 'BUTTON' || target.getAttribute('role') === 'button') return key === ' ' || key === 'Enter';
  return false;
}

/** Controls that need no focus after a click: sliders, check boxes and buttons outside dialogs
 *  (one that opens a dialog keeps it, to get it back when the dialog closes). */
export function releasesFocus(el: HTMLElement): boolean {
  if (el.closest('[role="dialog"]') || el.hasAttribute('aria-haspopup')) return false;
  if (el.tagName === 'BUTTON') return true;
  return el instanceof HTMLInputElement && (el.type === 'range' || el.type === 'checkbox');
}

export function handleShortcut(store: LabStore, e: KeyboardEvent): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey || ownsKey(e.target, e.key)) return false;
  const s = SHORTCUTS.find((sc) => sc.keys.includes(e.key));
  if (!s) return false;
  s.run(store);
  return true;
}
