// Installs the keyboard shortcuts on the window for the page's lifetime.
import { useEffect } from 'react';
import { useLabStore } from '../store/lab-context';
import { handleShortcut } from './shortcuts';

export function useShortcuts(): void {
  const store = useLabStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (handleShortcut(store, e)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
