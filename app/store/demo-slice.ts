// Demo state: the booth tour (on by link, paused by a touch, resumed when idle), one embedded view,
// hidden controls. All of it comes from the link and goes back into it (app/url/share-state.ts).
import type { ShareState } from '../url/share-schema';
import { DEFAULT_IDLE_S, type EmbedView, type HideableControl } from './demo-options';
import type { LabState, Slice } from './types';

/** off: no tour; running: the tour drives the lab; paused: someone is exploring. */
export type AttractState = 'off' | 'running' | 'paused';

export interface DemoSlice {
  /** The link asked for the booth tour (kiosk=1). */
  kiosk: boolean;
  /** Seconds without a touch before a paused tour resumes (idle=). */
  kioskIdleS: number;
  attract: AttractState;
  /** What the tour is showing now, in a sentence or two; null when it shows nothing. */
  caption: string | null;
  /** One view alone, for an <iframe> (view=); null shows the whole lab. */
  embed: EmbedView | null;
  /** Parts of the page the link hides (hide=). */
  hidden: HideableControl[];
  setAttract(state: AttractState): void;
  setCaption(text: string | null): void;
}

export const createDemoSlice: Slice<DemoSlice> = (set) => ({
  kiosk: false,
  kioskIdleS: DEFAULT_IDLE_S,
  attract: 'off',
  caption: null,
  embed: null,
  hidden: [],
  setAttract: (attract) => set(attract === 'running' ? { attract } : { attract, caption: null }),
  setCaption: (caption) => set({ caption }),
});

/** The demo fields a link sets (those it names; the rest stay as they are, like the other view options). */
export function demoViewOf(share: ShareState): Partial<LabState> {
  const view: Partial<LabState> = {};
  if (share.kiosk !== undefined) view.kiosk = share.kiosk;
  if (share.idle !== undefined) view.kioskIdleS = share.idle;
  if (share.loop !== undefined) view.loop = share.loop;
  if (share.view !== undefined) view.embed = share.view;
  if (share.hide !== undefined) view.hidden = share.hide;
  return view;
}
