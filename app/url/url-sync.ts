// Mirrors the shareable state into the page's URL hash (replaceState: no history entry per slider step).
import type { LabStore } from '../store/create-store';
import { encodeShare } from './share-codec';
import { shareStateOf } from './share-state';

export function shareUrl(store: LabStore, base: string): string {
  return `${base.replace(/#.*$/, '')}#${encodeShare(shareStateOf(store.getState()))}`;
}

export function syncUrl(store: LabStore): () => void {
  let last = '';
  return store.subscribe((s) => {
    if (!s.modelId) return;
    const hash = encodeShare(shareStateOf(s));
    if (hash === last) return;
    last = hash;
    window.history.replaceState(null, '', `#${hash}`);
  });
}
