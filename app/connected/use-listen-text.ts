// Writes text computed from the listen log into an element on every reply, without re-rendering React.
import { type RefObject, useEffect } from 'react';
import { useLabStore } from '../store/lab-context';
import type { LabState } from '../store/types';

export function useListenText(
  ref: RefObject<HTMLElement | null>,
  write: (el: HTMLElement, s: LabState) => void,
) {
  const store = useLabStore();
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    write(el, store.getState());
    return store.subscribe((s, prev) => {
      if (s.listenVersion !== prev.listenVersion || s.listenLog !== prev.listenLog) write(el, s);
    });
  }, [ref, write, store]);
}
