// Installs the keyboard shortcuts on the window for the page's lifetime.
import { useEffect } from 'react';
import { useLabStore } from '../store/lab-context';
import { handleShortcut, releasesFocus } from './shortcuts';

export function useShortcuts(): void {
  const store = useLabStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (handleShortcut(store, e)) e.preventDefault();
    };
    // A slider or button used with the mouse gives focus back, so → steps again instead of moving Θ;
    // one reached with Tab keeps it (and its arrow keys).
    const onPointerUp = () => {
      const el = document.activeElement;
      if (el instanceof HTMLElement && releasesFocus(el)) el.blur();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerup', onPointerUp);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerup', onPointerUp);
    };
  }, [store]);
}
